using System.Globalization;
using Consortium.Portal.Identity;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>What delivery needs to know of a recipient: where to write, in which language, on which clock.</summary>
public sealed record Recipient(Guid Id, string? Email, string DisplayName, CultureInfo Culture, TimeZoneInfo TimeZone, bool IsDisabled)
{
    public const string DefaultCulture = "en";
    public const string DefaultTimeZone = "Europe/Belgrade";

    /// <summary>Someone the directory does not know: English, the consortium's time zone, no address.</summary>
    public static Recipient Unknown(Guid id) => new(id, null, "", CultureInfo.GetCultureInfo(DefaultCulture), ZoneOf(DefaultTimeZone), false);

    public static CultureInfo CultureOf(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            try
            {
                return CultureInfo.GetCultureInfo(name);
            }
            catch (CultureNotFoundException)
            {
                // An unknown culture name falls back to English.
            }
        }
        return CultureInfo.GetCultureInfo(DefaultCulture);
    }

    public static TimeZoneInfo ZoneOf(string? id)
        => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
}

/// <summary>Recipients from the Identity module's <see cref="IUserDirectory"/>, many at a time.</summary>
internal sealed class RecipientDirectory(IUserDirectory users)
{
    public async Task<IReadOnlyDictionary<Guid, Recipient>> GetAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = (await users.GetUsersAsync(ids, cancellationToken)).ToDictionary(u => u.Id);
        return ids.Distinct().ToDictionary(id => id, id => found.TryGetValue(id, out var user) ? From(user) : Recipient.Unknown(id));
    }

    /// <summary>The users the directory knows among <paramref name="ids"/>, with their partner.</summary>
    public async Task<IReadOnlyList<PortalUserDto>> GetKnownAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        => await users.GetUsersAsync(ids, cancellationToken);

    public async Task<Recipient> GetAsync(Guid id, CancellationToken cancellationToken)
        => (await GetAsync([id], cancellationToken))[id];

    private static Recipient From(PortalUserDto user) => new(
        user.Id,
        string.IsNullOrWhiteSpace(user.Email) ? null : user.Email,
        user.DisplayName,
        Recipient.CultureOf(user.PreferredCulture),
        Recipient.ZoneOf(user.TimeZoneId),
        user.IsDisabled);
}
