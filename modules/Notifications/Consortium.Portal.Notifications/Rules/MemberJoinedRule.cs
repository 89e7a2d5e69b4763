using Consortium.Portal.Identity;

namespace Consortium.Portal.Notifications.Rules;

/// <summary>
/// Tells whoever sent an invitation that it was accepted, with a link to the users page where the newcomer's role and
/// partner can be checked. (The Identity module's event; the rule lives here, through its Contracts, because Identity
/// does not depend on Notifications.)
/// </summary>
internal sealed class MemberJoinedRule(IUserDirectory users) : INotificationRule<UserJoined>
{
    public const string UsersPage = "/admin/users";

    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(UserJoined integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.InvitedBy is not { } inviter || inviter == integrationEvent.UserId)
        {
            return [];
        }
        var member = await users.FindUserAsync(integrationEvent.UserId, cancellationToken);
        var name = member is null ? null : string.IsNullOrWhiteSpace(member.DisplayName) ? member.Email : member.DisplayName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }
        return
        [
            new NotificationRequest(
                NotificationTypes.MemberJoined.Name,
                [inviter],
                new Dictionary<string, string> { ["memberName"] = name },
                UsersPage),
        ];
    }
}
