using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Application;

/// <summary>
/// Turns invitees (users, whole partner organisations, the workspace's members) into the people they stand for, all of
/// them members of the workspace: an invitee outside it is refused, since they could not see the meeting.
/// </summary>
internal sealed class InviteeResolver(IWorkspaceAccess workspaces, IUserDirectory users, IStringLocalizer<MeetingsResource> text)
{
    public async Task<IReadOnlyList<(Guid UserId, Guid? PartnerOrganisationId)>> ResolveAsync(
        Guid workspaceId, IReadOnlyCollection<InviteeSpec> invitees, CancellationToken cancellationToken)
    {
        if (invitees.Count == 0)
        {
            return [];
        }
        var members = await workspaces.GetMembersAsync(workspaceId, WorkspaceRole.Viewer, cancellationToken);
        var people = (await users.GetUsersAsync(members.Select(m => m.UserId).ToList(), cancellationToken))
            .Where(u => !u.IsDisabled)
            .ToDictionary(u => u.Id);
        var result = new Dictionary<Guid, Guid?>();
        foreach (var invitee in invitees)
        {
            switch (invitee.Kind)
            {
                case InviteeKind.User when invitee.TargetId is { } userId && people.TryGetValue(userId, out var user):
                    result[userId] = user.PartnerOrganisationId;
                    break;
                case InviteeKind.PartnerOrganisation when invitee.TargetId is { } partnerId && people.Values.Any(u => u.PartnerOrganisationId == partnerId):
                    foreach (var staff in people.Values.Where(u => u.PartnerOrganisationId == partnerId))
                    {
                        result[staff.Id] = partnerId;
                    }
                    break;
                case InviteeKind.WorkspaceMembers:
                    foreach (var member in people.Values)
                    {
                        result[member.Id] = member.PartnerOrganisationId;
                    }
                    break;
                default:
                    throw RequestValidationException.For("invitees", text["Validation.InviteeOutsideWorkspace"]);
            }
        }
        return result.Select(r => (r.Key, r.Value)).ToList();
    }
}
