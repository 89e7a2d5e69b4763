using System.Text.Json;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workspaces.Activity;

/// <summary>
/// Stores what any module reports about a workspace as a line of its feed, once per outbox message: a redelivery
/// (after a crash between this commit and the dispatcher's record) finds its line already there.
/// </summary>
internal sealed class StoreWorkspaceActivity(WorkspacesDbContext db) : IIntegrationEventHandler<WorkspaceActivityOccurred>
{
    public async Task HandleAsync(WorkspaceActivityOccurred activity, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await db.Activity.AnyAsync(a => a.Id == context.MessageId, cancellationToken))
        {
            return;
        }
        if (!await db.Workspaces.AnyAsync(w => w.Id == activity.WorkspaceId, cancellationToken))
        {
            // A report about a workspace that does not exist would be a line nobody can read.
            return;
        }
        db.Activity.Add(new WorkspaceActivityEntry
        {
            Id = context.MessageId,
            WorkspaceId = activity.WorkspaceId,
            ActorUserId = activity.ActorUserId,
            ResourceName = Truncate(activity.LocalizationResourceName, WorkspaceActivityEntry.MaxResourceNameLength)!,
            ActionKey = Truncate(activity.ActionKey, WorkspaceActivityEntry.MaxActionKeyLength)!,
            Parameters = JsonSerializer.Serialize(activity.Parameters ?? new Dictionary<string, string>()),
            Link = Truncate(activity.Link, WorkspaceActivityEntry.MaxLinkLength),
            OccurredAtUtc = activity.OccurredAtUtc == default ? context.OccurredAtUtc : activity.OccurredAtUtc,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
