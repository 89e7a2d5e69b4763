using Consortium.Portal.Identity;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

/// <summary>Display names of the people a document mentions: the workspace's members first, then the user directory for former ones.</summary>
internal sealed class MemberNames(IWorkspaceAccess workspaces, IServiceProvider services, IStringLocalizer<DocumentsResource> text)
{
    public async Task<IReadOnlyDictionary<Guid, string>> ResolveAsync(Guid workspaceId, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var wanted = userIds.Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (wanted.Count == 0)
        {
            return names;
        }
        foreach (var member in await workspaces.GetMembersAsync(workspaceId, WorkspaceRole.Viewer, cancellationToken))
        {
            if (wanted.Contains(member.UserId))
            {
                names[member.UserId] = member.DisplayName;
            }
        }
        var missing = wanted.Where(id => !names.ContainsKey(id)).ToList();
        if (missing.Count > 0 && services.GetService<IUserDirectory>() is { } directory)
        {
            foreach (var user in await directory.GetUsersAsync(missing, cancellationToken))
            {
                names[user.Id] = user.DisplayName;
            }
        }
        foreach (var id in wanted.Where(id => !names.ContainsKey(id)))
        {
            names[id] = text["Member:Unknown"];
        }
        return names;
    }
}
