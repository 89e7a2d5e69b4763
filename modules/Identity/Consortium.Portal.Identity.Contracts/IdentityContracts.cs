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

/// <param name="PreferredCulture">The language the user reads the portal in (en, sq, sr-Latn, sr-Cyrl): e-mails to them are in it.</param>
/// <param name="TimeZoneId">The user's IANA time zone: what "tomorrow morning" means for them.</param>
public sealed record PortalUserDto(
    Guid Id,
    string Email,
    string DisplayName,
    Guid? PartnerOrganisationId,
    IReadOnlyList<string> Roles,
    bool IsDisabled,
    string PreferredCulture = "en",
    string TimeZoneId = "Europe/Belgrade");

/// <summary>What other modules may ask the Identity module about users and partners.</summary>
public interface IUserDirectory
{
    Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default);
}

/// <summary>A user was disabled: modules end what they keep open for them (live connections, locks).</summary>
[IntegrationEventName("identity.user-disabled")]
public sealed record UserDisabled(Guid UserId) : IIntegrationEvent;

/// <summary>A user accepted an invitation and can now sign in. <paramref name="InvitedBy"/> is who sent the invitation.</summary>
[IntegrationEventName("identity.user-joined")]
public sealed record UserJoined(Guid UserId, Guid? PartnerOrganisationId, string Role, Guid? InvitedBy = null) : IIntegrationEvent;
