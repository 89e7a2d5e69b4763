using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Documents;

/// <summary>An uploaded file the portal does not keep (400): too big, empty, not allowed, or not what its name says.</summary>
public sealed class UploadRefusedException(string messageKey, params object[] arguments)
    : DomainRuleException(messageKey, typeof(DocumentsResource), arguments);

/// <summary>Reasons an upload is refused; each is a key of the module's localization.</summary>
public static class UploadRefusals
{
    public const string Empty = "Upload:Empty";
    public const string TooLarge = "Upload:TooLarge";
    public const string TotalTooLarge = "Upload:TotalTooLarge";
    public const string TypeNotAllowed = "Upload:TypeNotAllowed";
    public const string ContentMismatch = "Upload:ContentMismatch";
    public const string NotText = "Upload:NotText";
    public const string NameInvalid = "Upload:NameInvalid";
    public const string NoFile = "Upload:NoFile";
    public const string OneFileOnly = "Upload:OneFileOnly";
    public const string NoBoundary = "Upload:NoBoundary";
    public const string NameMissing = "Upload:NameMissing";
    public const string TypeDiffers = "Upload:TypeDiffers";
    public const string BodyIncomplete = "Upload:BodyIncomplete";
}
