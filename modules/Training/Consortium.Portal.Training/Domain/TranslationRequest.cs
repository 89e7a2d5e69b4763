namespace Consortium.Portal.Training.Domain;

public enum TranslationRequestStatus
{
    /// <summary>A task waits in the authoring partners' leads' inbox.</summary>
    Open,
    /// <summary>A material in the language was linked to the group (or the lead approved the task as done).</summary>
    Fulfilled,
    /// <summary>The lead declined it, with a comment.</summary>
    Declined,
    /// <summary>The coordinator cancelled its workflow.</summary>
    Withdrawn,
}

/// <summary>
/// Someone asked for a material in another language: the subject of a one-stage workflow ("translation request") whose
/// task is the authoring partners' leads'. <see cref="OpenKey"/> is unique while it is open, so one material has one open
/// request per language even when two people ask at once.
/// </summary>
public sealed class TranslationRequest
{
    private TranslationRequest() { }

    public static TranslationRequest Open(Guid materialId, string language, Guid requestedBy, string? message, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), MaterialId = materialId, Language = language, RequestedBy = requestedBy, Message = message,
        RequestedAtUtc = nowUtc, Status = TranslationRequestStatus.Open, OpenKey = OpenKeyOf(materialId, language),
    };

    public static string OpenKeyOf(Guid materialId, string language) => $"{materialId:N}/{language}";

    public Guid Id { get; private set; }
    public Guid MaterialId { get; private set; }
    public string Language { get; private set; } = "";
    public Guid RequestedBy { get; private set; }
    public string? Message { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public TranslationRequestStatus Status { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    /// <summary>The lead's reason when declined.</summary>
    public string? Comment { get; private set; }
    public string? OpenKey { get; private set; }

    public bool IsOpen => Status == TranslationRequestStatus.Open;

    /// <summary>Closes an open request; a closed one stays as it was (an outcome delivered twice changes nothing).</summary>
    public void Close(TranslationRequestStatus status, DateTime nowUtc, string? comment = null)
    {
        if (!IsOpen)
        {
            return;
        }
        Status = status;
        ClosedAtUtc = nowUtc;
        Comment = comment;
        OpenKey = null;
    }
}
