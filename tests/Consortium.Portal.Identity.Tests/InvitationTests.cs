using System.Security.Cryptography;
using System.Text;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Identity.Tests;

public sealed class InvitationTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static (Invitation Invitation, string Token) Issue(TimeSpan? lifetime = null)
        => Invitation.Issue("Arta.Berisha@example.org ", "Arta Berisha", PortalRoles.Member, ConsortiumPartners.Kcss.Id, Now, lifetime ?? Week);

    [Fact]
    public void The_token_is_random_url_safe_and_only_its_sha256_is_stored()
    {
        var (invitation, token) = Issue();

        Assert.Equal(43, token.Length); // 256 bits, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), invitation.TokenHash);
        Assert.DoesNotContain(token, invitation.TokenHash);
    }

    [Fact]
    public void Two_invitations_never_share_a_token()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => Issue().Token).ToHashSet();

        Assert.Equal(50, tokens.Count);
    }

    [Fact]
    public void The_address_is_kept_as_typed_and_normalized_for_lookups()
    {
        var (invitation, _) = Issue();

        Assert.Equal("Arta.Berisha@example.org", invitation.Email);
        Assert.Equal("ARTA.BERISHA@EXAMPLE.ORG", invitation.NormalizedEmail);
    }

    [Fact]
    public void An_invitation_is_pending_until_it_expires()
    {
        var (invitation, _) = Issue();

        Assert.Equal(Now + Week, invitation.ExpiresAtUtc);
        Assert.Equal(InvitationState.Pending, invitation.StateAt(Now + Week - TimeSpan.FromSeconds(1)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(Now + Week));
    }

    [Fact]
    public void An_invitation_can_be_used_once()
    {
        var (invitation, _) = Issue();
        var userId = Guid.NewGuid();

        invitation.Accept(userId, Now.AddHours(1));
        var second = Assert.Throws<InvitationNotUsableException>(() => invitation.Accept(Guid.NewGuid(), Now.AddHours(2)));

        Assert.Equal(InvitationState.Accepted, second.State);
        Assert.Equal(userId, invitation.AcceptedUserId);
        Assert.Equal(InvitationState.Accepted, invitation.StateAt(Now + Week * 2));
    }

    [Fact]
    public void An_expired_invitation_is_refused()
    {
        var (invitation, _) = Issue();

        var refused = Assert.Throws<InvitationNotUsableException>(() => invitation.Accept(Guid.NewGuid(), Now + Week + TimeSpan.FromMinutes(1)));

        Assert.Equal(InvitationState.Expired, refused.State);
        Assert.Equal("Invitation.Expired", refused.MessageKey);
        Assert.Null(invitation.AcceptedAtUtc);
    }

    [Fact]
    public void A_revoked_invitation_is_refused_and_an_accepted_one_stays_accepted()
    {
        var (revoked, _) = Issue();
        var (accepted, _) = Issue();
        accepted.Accept(Guid.NewGuid(), Now);

        revoked.Revoke(Now.AddMinutes(1));
        accepted.Revoke(Now.AddMinutes(1));

        Assert.Equal(InvitationState.Revoked, Assert.Throws<InvitationNotUsableException>(() => revoked.Accept(Guid.NewGuid(), Now.AddMinutes(2))).State);
        Assert.Equal(InvitationState.Accepted, accepted.StateAt(Now.AddMinutes(2)));
    }

    [Fact]
    public void Accepting_announces_that_the_user_joined_with_role_and_partner()
    {
        var (invitation, _) = Issue();
        var userId = Guid.NewGuid();

        invitation.Accept(userId, Now);

        var joined = Assert.IsType<UserJoined>(Assert.Single(((IAggregateRoot)invitation).PendingEvents));
        Assert.Equal(new UserJoined(userId, ConsortiumPartners.Kcss.Id, PortalRoles.Member), joined);
    }

    [Fact]
    public void An_invitation_needs_a_positive_lifetime()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Issue(TimeSpan.Zero));
}
