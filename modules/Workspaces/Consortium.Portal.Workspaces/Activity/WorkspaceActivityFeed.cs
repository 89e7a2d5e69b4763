using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Modularity;
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
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<WorkspaceActivityPageDto> GetPageAsync(Guid workspaceId, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var validation = new WorkspaceValidation(text);
        if (page is < 1)
        {
            validation.Add("page", text["Validation.PageInvalid"]);
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            validation.Add("pageSize", text["Validation.PageSizeInvalid", MaxPageSize]);
        }
        validation.ThrowIfInvalid();
        var (number, size) = (page ?? 1, pageSize ?? DefaultPageSize);

        await workspaces.LoadAsync(workspaceId, WorkspaceAction.View, "activity", cancellationToken);
        var lines = db.Activity.AsNoTracking().Where(a => a.WorkspaceId == workspaceId);
        var total = await lines.CountAsync(cancellationToken);
        var entries = await lines
            .OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id)
            .Skip((number - 1) * size).Take(size)
            .ToListAsync(cancellationToken);

        var actorIds = entries.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value).Distinct().ToList();
        var actors = (await directory.GetUsersAsync(actorIds, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        var items = entries.Select(e =>
        {
            var actorName = e.ActorUserId is { } id ? actors.GetValueOrDefault(id) : null;
            var actor = actorName ?? (e.ActorUserId is null ? text["Activity.System"] : text["Activity.UnknownUser"]);
            return new WorkspaceActivityDto(e.Id, e.OccurredAtUtc, e.ActorUserId, actorName, Render(e.ResourceName, e.ActionKey, e.Parameters, actor), e.Link);
        }).ToList();
        return new WorkspaceActivityPageDto(items, number, size, total);
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
