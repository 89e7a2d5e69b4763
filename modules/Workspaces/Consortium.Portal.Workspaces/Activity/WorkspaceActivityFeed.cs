using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Workspaces.Application;
using Consortium.Portal.Workspaces.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Activity;

/// <summary>
/// A workspace's feed, newest first, a page at a time, in the reader's language: each line's text comes from the
/// localization of the module that reported it (found by module name in the catalog) at the time it is read.
/// </summary>
internal sealed class WorkspaceActivityFeed(
    WorkspacesDbContext db,
    WorkspaceService workspaces,
    ModuleCatalog modules,
    IStringLocalizerFactory localizers,
    IUserDirectory directory,
    IStringLocalizer<WorkspacesResource> text)
{
    /// <summary>A page of the feed; the page asked for was checked by <see cref="WorkspaceActivityQueryValidator"/> or is the page's own.</summary>
    public async Task<PagedResult<WorkspaceActivityDto>> GetPageAsync(Guid workspaceId, ResolvedPage page, CancellationToken cancellationToken = default)
    {
        await workspaces.LoadAsync(workspaceId, WorkspaceAction.View, "activity", cancellationToken);
        var lines = db.Activity.AsNoTracking().Where(a => a.WorkspaceId == workspaceId);
        var total = await lines.CountAsync(cancellationToken);
        var entries = await lines
            .OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id)
            .Skip(page.Skip).Take(page.Take)
            .ToListAsync(cancellationToken);

        var actorIds = entries.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value).Distinct().ToList();
        var actors = (await directory.GetUsersAsync(actorIds, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        var items = entries.Select(e =>
        {
            var actorName = e.ActorUserId is { } id ? actors.GetValueOrDefault(id) : null;
            var actor = actorName ?? (e.ActorUserId is null ? text["Activity.System"] : text["Activity.UnknownUser"]);
            return new WorkspaceActivityDto(e.Id, e.OccurredAtUtc, e.ActorUserId, actorName, Render(e.ResourceName, e.ActionKey, e.Parameters, actor), e.Link);
        }).ToList();
        return new PagedResult<WorkspaceActivityDto>(items, total, page.Page, page.PageSize);
    }

    private string Render(string resourceName, string actionKey, string parametersJson, string actor)
    {
        var localizer = LocalizerOf(resourceName);
        var parameters = ReadParameters(parametersJson);
        if (localizer is null)
        {
            return actionKey;
        }
        var template = localizer[actionKey];
        return ActivityText.Render(template.Value, parameters, actor, key => localizer[key].Value);
    }

    private IStringLocalizer? LocalizerOf(string moduleName)
        => modules.Modules.FirstOrDefault(m => string.Equals(m.Name, moduleName, StringComparison.Ordinal))?.Localization is { } localization
            ? localizers.Create(localization.ResourceType)
            : null;

    private static IReadOnlyDictionary<string, string> ReadParameters(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }
}
