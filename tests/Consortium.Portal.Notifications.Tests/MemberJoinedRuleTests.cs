using Consortium.Portal.Identity;
using Consortium.Portal.Notifications.Rules;
using Directory = Consortium.Portal.Notifications.Tests.Infrastructure.Directory;

namespace Consortium.Portal.Notifications.Tests;

public sealed class MemberJoinedRuleTests
{
    private readonly Directory _directory = new();

    [Fact]
    public async Task The_person_who_invited_hears_that_the_newcomer_joined()
    {
        var newcomer = _directory.Add("dren@kcss.example", displayName: "Dren Krasniqi");
        var lead = Guid.NewGuid();

        var requests = await new MemberJoinedRule(_directory).NotificationsForAsync(
            new UserJoined(newcomer.Id, Guid.NewGuid(), "Member", InvitedBy: lead), CancellationToken.None);

        var request = Assert.Single(requests);
        Assert.Equal("identity.member-joined", request.Type);
        Assert.Equal([lead], request.RecipientIds);
        Assert.Equal("Dren Krasniqi", request.Parameters["memberName"]);
        Assert.Equal("/admin/users", request.Link);
        NotificationTypes.MemberJoined.Parameters.ToList().ForEach(p => Assert.True(request.Parameters.ContainsKey(p)));
    }

    [Fact]
    public async Task Nobody_is_told_when_nobody_invited_or_the_newcomer_invited_themselves()
    {
        var newcomer = _directory.Add("dren@kcss.example", displayName: "Dren Krasniqi");
        var rule = new MemberJoinedRule(_directory);

        Assert.Empty(await rule.NotificationsForAsync(new UserJoined(newcomer.Id, null, "Guest"), CancellationToken.None));
        Assert.Empty(await rule.NotificationsForAsync(new UserJoined(newcomer.Id, null, "Guest", newcomer.Id), CancellationToken.None));
    }

    [Fact]
    public async Task A_newcomer_without_a_display_name_is_named_by_their_address()
    {
        var newcomer = _directory.Add("guest@press.example", displayName: "");

        var request = Assert.Single(await new MemberJoinedRule(_directory).NotificationsForAsync(
            new UserJoined(newcomer.Id, null, "Guest", Guid.NewGuid()), CancellationToken.None));

        Assert.Equal("guest@press.example", request.Parameters["memberName"]);
    }
}
