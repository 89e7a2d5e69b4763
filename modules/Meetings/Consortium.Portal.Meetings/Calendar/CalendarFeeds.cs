using System.Security.Cryptography;
using System.Text;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Web;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Consortium.Portal.Meetings.Calendar;

/// <summary>
/// Personal calendar feeds and .ics downloads. A feed is found by the hash of its secret token; a wrong or revoked
/// token, or a disabled owner, is a 404. The feed is built from what its owner may see at the time of the request, so a
/// workspace they left drops out of it at once.
/// </summary>
internal sealed class CalendarFeeds(
    MeetingsDbContext db,
    MeetingAccess access,
    IWorkspaceAccess workspaces,
    IUserDirectory users,
    IConfiguration configuration,
    PortalCache cache,
    TimeProvider clock)
{
    /// <summary>How far back a feed reaches; ahead it shows everything scheduled (series end within two years).</summary>
    public static readonly TimeSpan FeedHistory = TimeSpan.FromDays(180);
    public const int MaxFeedMeetings = 5000;

    private string? BaseUrl => PublicPages.ConfiguredPublicBaseUrl(configuration);

    public async Task<CalendarFeedDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == access.UserId, cancellationToken);
        return new CalendarFeedDto(feed is not null, feed?.CreatedAtUtc, null);
    }

    /// <summary>Makes a new secret (the old one stops working) and tells its URL this once.</summary>
    public async Task<CalendarFeedDto> RenewAsync(CancellationToken cancellationToken = default)
    {
        var userId = access.UserId;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        if (feed is null)
        {
            feed = new CalendarFeed(userId, Hash(token), now);
            db.CalendarFeeds.Add(feed);
        }
        else
        {
            feed.Renew(Hash(token), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedDto(true, now, $"{BaseUrl}{Api.MeetingsPaths.Feed(token)}");
    }

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
        => await db.CalendarFeeds.Where(f => f.UserId == access.UserId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// The feed of <paramref name="token"/>'s owner, or only its ETag when <paramref name="ifNoneMatch"/> names it (the
    /// calendar program has it already: 304). Calendar programs poll every few minutes, and writing a few hundred events
    /// with Ical.Net is the feed's whole cost, so the written text is kept per owner under the feed's fingerprint: the
    /// version stamp of every meeting it shows, which workspaces the owner sees, and the calendar's name. One cheap query
    /// reads the fingerprint each time; any change to one of the owner's meetings (a move, a cancellation, a new
    /// invitation, a meeting leaving the window) or to what they may see gives a new fingerprint, so the kept text is
    /// dropped then, on every instance, with nobody to tell.
    /// </summary>
    public async Task<CalendarFeedText> FeedAsync(string token, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            throw new EntityNotFoundException(nameof(CalendarFeed), "token");
        }
        var hash = Hash(token);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, cancellationToken)
                   ?? throw new EntityNotFoundException(nameof(CalendarFeed), "token");
        var owner = await users.FindUserAsync(feed.UserId, cancellationToken);
        if (owner is null || owner.IsDisabled)
        {
            throw new EntityNotFoundException(nameof(CalendarFeed), "token");
        }
        var visible = await workspaces.GetVisibleWorkspaceIdsAsync(owner.Id, cancellationToken);
        var from = clock.GetUtcNow().UtcDateTime - FeedHistory;
        var userId = owner.Id;
        var shown = db.Meetings.AsNoTracking()
            .Where(m => visible.Contains(m.WorkspaceId) && m.State != MeetingState.Draft && m.EndUtc > from
                        && (m.OrganiserId == userId || m.Participants.Any(p => p.UserId == userId)))
            .OrderBy(m => m.StartUtc).ThenBy(m => m.Id).Take(MaxFeedMeetings);
        var stamps = await shown.Select(m => new { m.Id, m.ConcurrencyStamp }).ToListAsync(cancellationToken);
        var etag = ETagOf(owner.DisplayName, visible, stamps.Select(m => (m.Id, m.ConcurrencyStamp)));
        if (ETagMatches(ifNoneMatch, etag))
        {
            return new CalendarFeedText(etag, null);
        }
        var text = await cache.GetOrReadAsync(new FeedCacheKey(userId, etag), FeedCacheTag(userId), FeedCacheLifetime,
            async (_, ct) => MeetingCalendar.Write(owner.DisplayName, await shown.ToListAsync(ct), BaseUrl), cancellationToken);
        return new CalendarFeedText(etag, text);
    }

    /// <summary>How long an unchanged feed's text is kept; the portal cache's bound drops the least read before that.</summary>
    public static readonly TimeSpan FeedCacheLifetime = TimeSpan.FromHours(1);

    private sealed record FeedCacheKey(Guid UserId, string ETag);

    private static string FeedCacheTag(Guid userId) => $"meetings.feed:{userId:N}";

    private static string ETagOf(string calendarName, IReadOnlyList<Guid> visible, IEnumerable<(Guid Id, Guid Stamp)> meetings)
    {
        var fingerprint = new StringBuilder(calendarName).Append('\n');
        foreach (var workspaceId in visible.Order())
        {
            fingerprint.Append(workspaceId.ToString("N")).Append(',');
        }
        fingerprint.Append('\n');
        foreach (var (id, stamp) in meetings)
        {
            fingerprint.Append(id.ToString("N")).Append(':').Append(stamp.ToString("N")).Append(',');
        }
        return $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())))[..32]}\"";
    }

    // RFC 9110: If-None-Match is a list of entity tags or "*"; a weak comparison is what it asks for.
    private static bool ETagMatches(string? ifNoneMatch, string etag)
        => !string.IsNullOrWhiteSpace(ifNoneMatch)
           && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
               .Any(tag => tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag);

    public async Task<string> MeetingAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken);
        return MeetingCalendar.Write(meeting.Title, [meeting], BaseUrl);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A feed's entity tag, and its text unless the caller has it already (<see cref="Text"/> null: 304 Not Modified).</summary>
public sealed record CalendarFeedText(string ETag, string? Text);
