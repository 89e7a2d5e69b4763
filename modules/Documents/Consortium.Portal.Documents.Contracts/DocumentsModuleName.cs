namespace Consortium.Portal.Documents;

public static class DocumentsModuleName
{
    public const string Value = "Documents";
}

/// <summary>Lengths of the Documents module's stored texts, shared by the model and the API's checks.</summary>
public static class DocumentConsts
{
    public const int MaxNameLength = 200;
    public const int MaxFolderNameLength = 120;
    public const int MaxNoteLength = 1000;
    public const int MaxMessageLength = 4000;
    public const int MaxCommentLength = 20000;
    public const int MaxQuoteLength = 2000;
    public const int MaxContextLength = 200;
    public const int MaxReplacementLength = 20000;
    public const int MaxReasonLength = 2000;
    public const int Sha256Length = 64;
}
