using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Identity.Domain;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<InvitationState>))]
public enum InvitationState
{
    Pending,
    Accepted,
    Expired,
    Revoked,
}

/// <summary>
/// An invitation to join the portal with a role (and partner). The invitee proves they read the e-mail by presenting
/// its one-time token; only the token's SHA-256 is stored, so a leaked database does not let anyone join.
/// </summary>
public sealed class Invitation : AggregateRoot<Guid>, IAuditedEntity
{
    public const int MaxEmailLength = 256;
    public const int TokenHashLength = 64;

    private Invitation() { }

    public string Email { get; private set; } = "";
    /// <summary>Upper-cased like Identity's NormalizedEmail, for lookups that ignore case.</summary>
    public string NormalizedEmail { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public Guid? PartnerOrganisationId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }
    public Guid? AcceptedUserId { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    /// <summary>Creates an invitation and the token to send; the token is not kept anywhere else.</summary>
    public static (Invitation Invitation, string Token) Issue(
        string email, string displayName, string role, Guid? partnerOrganisationId, DateTime nowUtc, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "An invitation must be valid for some time.");
        }
        var token = InvitationToken.Create();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            NormalizedEmail = Normalize(email),
            DisplayName = displayName.Trim(),
            Role = role,
            PartnerOrganisationId = partnerOrganisationId,
            TokenHash = InvitationToken.Hash(token),
            ExpiresAtUtc = nowUtc + lifetime,
        };
        return (invitation, token);
    }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public InvitationState StateAt(DateTime nowUtc) =>
        AcceptedAtUtc is not null ? InvitationState.Accepted
        : RevokedAtUtc is not null ? InvitationState.Revoked
        : nowUtc >= ExpiresAtUtc ? InvitationState.Expired
        : InvitationState.Pending;

    /// <summary>Marks the invitation used by the account just created; a second use is refused.</summary>
    public void Accept(Guid userId, DateTime nowUtc)
    {
        var state = StateAt(nowUtc);
        if (state != InvitationState.Pending)
        {
            throw new InvitationNotUsableException(state);
        }
        AcceptedAtUtc = nowUtc;
        AcceptedUserId = userId;
        Raise(new UserJoined(userId, PartnerOrganisationId, Role));
    }

    /// <summary>Withdrawn, for example because a newer invitation went to the same address.</summary>
    public void Revoke(DateTime nowUtc)
    {
        if (StateAt(nowUtc) == InvitationState.Pending)
        {
            RevokedAtUtc = nowUtc;
        }
    }
}

public sealed class InvitationNotUsableException(InvitationState state)
    : DomainRuleException("Invitation." + state, typeof(IdentityResource))
{
    public InvitationState State { get; } = state;
}

/// <summary>Invitation tokens: 256 random bits, URL-safe; stored only as a SHA-256 hash.</summary>
public static class InvitationToken
{
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
