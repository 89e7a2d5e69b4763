using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Identity;

public static class IdentityModuleName
{
    public const string Value = "Identity";
}

/// <summary>Permission names of the Identity module; definitions and default grants live in the module.</summary>
public static class IdentityPermissions
{
    public const string Group = "Identity";

    public static class Partners
    {
        public const string View = "Identity.Partners.View";
        public const string Manage = "Identity.Partners.Manage";
    }

    public static class Users
    {
        public const string View = "Identity.Users.View";
        public const string Invite = "Identity.Users.Invite";
        public const string Manage = "Identity.Users.Manage";
    }

    public static class Roles
    {
        public const string ManagePermissions = "Identity.Roles.ManagePermissions";
    }
}

public static class PartnerOrganisationConsts
{
    public const int MaxShortNameLength = 16;
    public const int MaxNameLength = 200;
}

public enum PartnerSide
{
    Kosovo,
    Serbia,
}

public sealed record PartnerOrganisationDto(Guid Id, string ShortName, string Name, PartnerSide Side, Guid ConcurrencyStamp);

public sealed record PortalUserDto(Guid Id, string Email, string DisplayName, Guid? PartnerOrganisationId, IReadOnlyList<string> Roles, bool IsDisabled);

/// <summary>What other modules may ask the Identity module about users and partners.</summary>
public interface IUserDirectory
{
    Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
    /// <summary>The staff of these partner organisations (disabled users included, flagged).</summary>
    Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default);
    /// <summary>Enabled users whose name or e-mail contains <paramref name="text"/>, by name, at most <paramref name="maxResults"/>.</summary>
    Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default);
}

/// <summary>A user was disabled: modules end what they keep open for them (live connections, locks).</summary>
[IntegrationEventName("identity.user-disabled")]
public sealed record UserDisabled(Guid UserId) : IIntegrationEvent;

/// <summary>A user accepted an invitation and can now sign in.</summary>
[IntegrationEventName("identity.user-joined")]
public sealed record UserJoined(Guid UserId, Guid? PartnerOrganisationId, string Role) : IIntegrationEvent;
