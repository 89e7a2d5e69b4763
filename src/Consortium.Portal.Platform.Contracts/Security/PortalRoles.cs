namespace Consortium.Portal.Platform.Security;

/// <summary>The consortium's global roles (DESIGN.md, "Roles").</summary>
public static class PortalRoles
{
    /// <summary>Runs the portal technically.</summary>
    public const string Administrator = nameof(Administrator);
    /// <summary>The consortium coordinator: approves joint publications, oversees all partners.</summary>
    public const string Coordinator = nameof(Coordinator);
    /// <summary>Manages the staff of one partner organisation and speaks for it.</summary>
    public const string PartnerLead = nameof(PartnerLead);
    /// <summary>Partner staff.</summary>
    public const string Member = nameof(Member);
    /// <summary>An invited outsider who sees only what they are invited to.</summary>
    public const string Guest = nameof(Guest);

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, PartnerLead, Member, Guest];

    /// <summary>Roles that must sign in with a second factor.</summary>
    public static readonly IReadOnlyList<string> RequiringTwoFactor = [Administrator, Coordinator];
}
