using Consortium.Portal.Documents.Data;
using Consortium.Portal.Notifications;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Open document pages hear of the document's changes (<see cref="DocumentChanges"/>) through the notifications hub: a
/// connection joins a document's group only when its user may view the document's workspace, as the page itself.
/// </summary>
internal sealed class DocumentLiveTopic(DocumentsDbContext db, IWorkspaceAccess workspaces) : ILiveTopic
{
    public const string TopicName = "documents.document";

    public string Name => TopicName;

    public async Task<bool> MayWatchAsync(Guid userId, Guid subjectId, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Documents.AsNoTracking()
            .Where(d => d.Id == subjectId)
            .Select(d => (Guid?)d.WorkspaceId)
            .FirstOrDefaultAsync(cancellationToken);
        return workspaceId is { } id && await workspaces.CanAsync(id, userId, WorkspaceAction.View, cancellationToken);
    }
}

/// <summary>What changed on a document, as its open pages are told (after the change is saved).</summary>
public static class DocumentChanges
{
    public const string Details = "details";
    public const string Lock = "lock";
    public const string Version = "version";
    public const string Text = "text";
    public const string Reviews = "reviews";
    public const string Comments = "comments";
    public const string Suggestions = "suggestions";

    /// <summary>Tells the document's open pages; never throws (see <see cref="ILiveChanges"/>).</summary>
    internal static Task DocumentChangedAsync(this ILiveChanges live, Guid documentId, string change)
        => live.PublishAsync(DocumentLiveTopic.TopicName, documentId, change);
}
