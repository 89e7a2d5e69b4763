using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>What other modules hear when a version is stored: the fact itself, a line in the workspace's activity, and who follows the document.</summary>
internal sealed class DocumentVersionEvents(IIntegrationEventPublisher events, DocumentFollowers followers)
{
    public async Task PublishAsync(Document document, DocumentVersion version, CancellationToken cancellationToken)
    {
        events.Publish(new DocumentVersionAdded(document.WorkspaceId, document.Id, document.Name, version.Number, version.AuthorId, version.Note));
        events.Publish(new WorkspaceActivityOccurred(
            document.WorkspaceId,
            version.AuthorId,
            DocumentsModuleName.Value,
            version.Number == 1 ? "Activity:DocumentUploaded" : version.RestoredFromNumber is null ? "Activity:VersionUploaded" : "Activity:VersionRestored",
            new Dictionary<string, string>
            {
                ["name"] = document.Name,
                ["version"] = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            DocumentLinks.Page(document.Id),
            version.CreatedAtUtc));
        if (version.Number > 1)
        {
            var recipients = await followers.RecipientsAsync(document, except: [version.AuthorId], cancellationToken);
            if (recipients.Count > 0)
            {
                events.Publish(new FollowedDocumentChanged(document.WorkspaceId, document.Id, document.Name, version.Number, version.AuthorId, recipients));
            }
        }
    }
}

/// <summary>Who hears of a document's news: those who follow it, and its creator unless they muted it.</summary>
internal sealed class DocumentFollowers(DocumentsDbContext db)
{
    public async Task<IReadOnlyList<Guid>> RecipientsAsync(Document document, IReadOnlyCollection<Guid> except, CancellationToken cancellationToken)
    {
        var choices = await db.Follows.AsNoTracking()
            .Where(f => f.DocumentId == document.Id)
            .ToDictionaryAsync(f => f.UserId, f => f.Mode, cancellationToken);
        var recipients = choices.Where(c => c.Value == FollowMode.Follow).Select(c => c.Key).ToHashSet();
        if (document.CreatedBy is { } creator && choices.GetValueOrDefault(creator) != FollowMode.Mute)
        {
            recipients.Add(creator);
        }
        recipients.ExceptWith(except);
        return recipients.ToList();
    }

    public async Task<bool> IsMutedAsync(Guid documentId, Guid userId, CancellationToken cancellationToken)
        => await db.Follows.AnyAsync(f => f.DocumentId == documentId && f.UserId == userId && f.Mode == FollowMode.Mute, cancellationToken);
}
