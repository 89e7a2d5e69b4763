using System.Security.Cryptography;
using System.Text;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
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

    public async Task<string> FeedAsync(string token, CancellationToken cancellationToken = default)
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
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => visible.Contains(m.WorkspaceId) && m.State != MeetingState.Draft && m.EndUtc > from
                        && (m.OrganiserId == userId || m.Participants.Any(p => p.UserId == userId)))
            .OrderBy(m => m.StartUtc).Take(MaxFeedMeetings)
            .ToListAsync(cancellationToken);
        return MeetingCalendar.Write(owner.DisplayName, meetings, BaseUrl);
    }

    public async Task<string> MeetingAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken);
        return MeetingCalendar.Write(meeting.Title, [meeting], BaseUrl);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
