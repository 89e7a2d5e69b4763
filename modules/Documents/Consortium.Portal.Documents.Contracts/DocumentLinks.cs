namespace Consortium.Portal.Documents;

/// <summary>
/// Where a document's pages are, for every module that links to a document (an event's documents, a meeting's minutes and
/// agenda papers, notifications): one place, so a page that moves is moved once.
/// </summary>
public static class DocumentLinks
{
    public static string Page(Guid documentId) => $"/documents/{documentId}";

    /// <summary>The document page opened on its Reviews tab: where a review notification leads.</summary>
    public static string Reviews(Guid documentId) => $"/documents/{documentId}?tab=reviews";

    /// <summary>The document page opened on its Comments tab.</summary>
    public static string Comments(Guid documentId) => $"/documents/{documentId}?tab=comments";
    /// <summary>The workspace page, whose first tab is its documents.</summary>
    public static string WorkspaceDocuments(Guid workspaceId) => $"/workspaces/{workspaceId}";
}
