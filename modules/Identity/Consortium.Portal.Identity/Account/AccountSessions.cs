using System.Security.Claims;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Identity.Account;

/// <summary>A session as its user sees it: which browser, from where, since when, last seen when.</summary>
public sealed record UserSessionResponse(Guid Id, string? Browser, string? IpAddress, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, bool IsCurrent);

/// <summary>The signed-in user's own sessions (<see cref="UserSession"/>): the list, and ending any of them.</summary>
internal sealed class AccountSessions(PortalIdentityDbContext db, TimeProvider clock, IAuditLog auditLog, PortalCache cache)
{
    public async Task<IReadOnlyList<UserSessionResponse>> ListAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(principal);
        var current = CurrentSessionOf(principal);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now))
            .Select(s => new { s.Id, s.Browser, s.IpAddress, s.CreatedAtUtc, s.LastSeenAtUtc })
            .ToListAsync(cancellationToken);
        return sessions
            .OrderByDescending(s => s.Id == current).ThenByDescending(s => s.LastSeenAtUtc)
            .Select(s => new UserSessionResponse(s.Id, BrowserNames.Describe(s.Browser), s.IpAddress, s.CreatedAtUtc, s.LastSeenAtUtc, s.Id == current))
            .ToList();
    }

    /// <summary>Ends one of the user's sessions (the current one too: that is signing out); another's is not found.</summary>
    public async Task EndAsync(ClaimsPrincipal principal, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(principal);
        var ended = await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (ended == 0)
        {
            throw new EntityNotFoundException(nameof(UserSession), sessionId);
        }
        // Refused at once on this instance; other instances refuse it once their cached read lapses.
        cache.Invalidate(DatabaseTicketStore.CacheTagOf(sessionId));
        await auditLog.WriteAsync(new AuditRecord("identity.session.ended", nameof(UserSession), sessionId.ToString()), cancellationToken);
    }

    public static Guid? CurrentSessionOf(ClaimsPrincipal? principal)
        => Guid.TryParseExact(principal?.FindFirstValue(IdentityClaimTypes.SessionId), "N", out var id) ? id : null;

    private static Guid UserIdOf(ClaimsPrincipal principal)
        => Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new ForbiddenException("The signed-in principal has no user id.");
}

/// <summary>"Firefox on Windows" from a User-Agent: what a person recognises a session by. Product names are not translated.</summary>
public static class BrowserNames
{
    public static string? Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }
        var browser = Find(userAgent, ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"));
        var system = Find(userAgent, ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"),
            ("Mac OS X", "macOS"), ("Linux", "Linux"));
        return (browser, system) switch
        {
            (null, null) => userAgent.Length <= 60 ? userAgent : userAgent[..60] + "…",
            (null, { } s) => s,
            ({ } b, null) => b,
            ({ } b, { } s) => $"{b} · {s}",
        };
    }

    private static string? Find(string userAgent, params (string Marker, string Name)[] candidates)
        => candidates.FirstOrDefault(c => userAgent.Contains(c.Marker, StringComparison.OrdinalIgnoreCase)).Name;
}
