using System.Globalization;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Localization;
using Microsoft.Extensions.Caching.Memory;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>What delivery needs to know of a recipient: where to write, in which language, on which clock.</summary>
public sealed record Recipient(Guid Id, string? Email, string DisplayName, CultureInfo Culture, TimeZoneInfo TimeZone, bool IsDisabled)
{
    public const string DefaultCulture = "en";
    public const string DefaultTimeZone = "Europe/Belgrade";

    /// <summary>Someone the directory does not know: English, the consortium's time zone, no address.</summary>
    public static Recipient Unknown(Guid id) => new(id, null, "", PortalCultureFormats.Get(DefaultCulture), ZoneOf(DefaultTimeZone), false);

    public static CultureInfo CultureOf(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            try
            {
                return PortalCultureFormats.Get(name);
            }
            catch (CultureNotFoundException)
            {
                // An unknown culture name falls back to English.
            }
        }
        return PortalCultureFormats.Get(DefaultCulture);
    }

    public static TimeZoneInfo ZoneOf(string? id)
        => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
}

/// <summary>Recipients from the Identity module's <see cref="IUserDirectory"/>, many at a time.</summary>
internal sealed class RecipientDirectory(IUserDirectory users, IMemoryCache cache)
{
    /// <summary>How long a recipient's language and time zone are reused for pushes; the inbox itself renders at read time.</summary>
    public static readonly TimeSpan PushProfileLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Recipients as a push needs them (the language to render in), from a short-lived cache: a push is rendered once,
    /// and a language changed a minute ago shows in the next page load anyway.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Recipient>> GetForPushAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, Recipient>();
        var missing = new List<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (cache.TryGetValue(CacheKey(id), out Recipient? known) && known is not null)
            {
                result[id] = known;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            foreach (var (id, recipient) in await GetAsync(missing, cancellationToken))
            {
                cache.Set(CacheKey(id), recipient, PushProfileLifetime);
                result[id] = recipient;
            }
        }
        return result;
    }

    private static string CacheKey(Guid id) => "notifications:recipient:" + id.ToString("N");

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
