using System.Security.Claims;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Caching;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Keeps the application cookie's sign-in in the database (<see cref="UserSession"/>, one row per signed-in browser);
/// the cookie holds only the row's id. Signing out deletes the row; a changed security stamp (new password, two-factor
/// sign-in reset or turned off, a disabled account) deletes every row of the user (<see cref="PortalIdentityDbContext"/>);
/// the user can end any of their sessions (<see cref="Account.AccountSessions"/>). A request with the id of a row that
/// is gone is anonymous.
/// <para>
/// A session read is kept in the <see cref="PortalCache"/> for <see cref="PortalIdentityOptions.SessionCacheLifetime"/>
/// (a few seconds), so a busy browser costs one database read per that time, not one per request. Ending a session
/// on this instance (signing out, ending it from the sessions page, a new security stamp) drops its entry at once;
/// another instance refuses it once its entry has lapsed, at most that lifetime later.
/// </para>
/// </summary>
internal sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider clock, PortalCache cache, IOptions<PortalIdentityOptions> options)
    : ITicketStore
{
    /// <summary>
    /// Sessions are cached under one of this many tags: a tag per session would leave a generation behind in the cache
    /// for every session ever ended, and one tag for all would drop every session's entry whenever one renews.
    /// </summary>
    private const int CacheTagCount = 256;

    /// <summary>The cache tag of a session's entry: the one to invalidate when the session's row changes or goes.</summary>
    public static string CacheTagOf(Guid sessionId) => $"identity.sessions:{(uint)sessionId.GetHashCode() % CacheTagCount}";

    private sealed record CacheKey(Guid SessionId);

    /// <summary>What a request needs of a session's row; the ticket unprotected once, deserialized afresh for each request.</summary>
    private sealed record CachedSession(byte[] SerializedTicket, DateTime? ExpiresAtUtc);

    /// <summary>How stale "last seen" may get: writing it on every request would cost a write per request.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Consortium.Portal.Identity.Sessions");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        NameSession(ticket, id);
        var userId = Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : Guid.Empty;
        var userAgent = httpContext?.Request.Headers.UserAgent.ToString();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        // Browsers closed without signing out leave rows whose cookie lapsed; the user's next sign-in clears them.
        await db.Sessions.Where(s => s.UserId == userId && s.ExpiresAtUtc < Now).ExecuteDeleteAsync(cancellationToken);
        db.Sessions.Add(new UserSession
        {
            Id = id,
            UserId = userId,
            CreatedAtUtc = Now,
            LastSeenAtUtc = Now,
            ExpiresAtUtc = ticket.Properties.ExpiresUtc?.UtcDateTime,
            Browser = string.IsNullOrWhiteSpace(userAgent) ? null : Shorten(userAgent, UserSession.MaxBrowserLength),
            IpAddress = httpContext?.Connection.RemoteIpAddress is { } ip ? Shorten(ip.ToString(), UserSession.MaxIpAddressLength) : null,
            Ticket = Protect(ticket),
        });
        await db.SaveChangesAsync(cancellationToken);
        return id.ToString("N");
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>Updates the row; a row that was deleted meanwhile (the session was ended) stays deleted.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(key, "N", out var id))
        {
            return;
        }
        // A sign-in renewed in place (RefreshSignInAsync after a new security stamp) comes with a principal built afresh.
        NameSession(ticket, id);
        var protectedTicket = Protect(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        // The cookie handler renews while the response starts, with the request's abort token. A client that goes away
        // then (a second navigation overtaking the first) cancelled this write half-way and turned the renewal into an
        // unhandled exception in the middle of a response; the write is one small UPDATE, so it always finishes.
        await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, protectedTicket)
            .SetProperty(x => x.ExpiresAtUtc, expires)
            .SetProperty(x => x.LastSeenAtUtc, Now), CancellationToken.None);
        cache.Invalidate(CacheTagOf(id));
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(key, "N", out var id))
        {
            return null;
        }
        var session = await cache.GetOrReadAsync(new CacheKey(id), CacheTagOf(id), options.Value.SessionCacheLifetime,
            (read, ct) => ReadSessionAsync(id, read, ct), cancellationToken);
        if (session is null || session.ExpiresAtUtc < Now)
        {
            return null;
        }
        return TicketSerializer.Default.Deserialize(session.SerializedTicket);
    }

    /// <summary>
    /// The session's row, its last-seen time brought up to date when it is older than <see cref="LastSeenPrecision"/>.
    /// The entry is kept no longer than until last-seen is due again, so that write is made by the next read.
    /// </summary>
    private async Task<CachedSession?> ReadSessionAsync(Guid id, PortalCacheRead read, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var session = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresAtUtc, s.LastSeenAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        var serialized = session is null ? null : Unprotect(session.Ticket);
        if (session is null || serialized is null || session.ExpiresAtUtc < Now)
        {
            // Nothing to keep: an unknown id costs no cache entry, and a lapsed session is refused by the row anyway.
            read.DoNotKeep();
            return null;
        }
        var lastSeen = session.LastSeenAtUtc;
        if (Now - lastSeen > LastSeenPrecision)
        {
            await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, Now), cancellationToken);
            lastSeen = Now;
        }
        read.KeepNoLongerThan(new DateTimeOffset(lastSeen + LastSeenPrecision, TimeSpan.Zero));
        return new CachedSession(serialized, session.ExpiresAtUtc);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(key, "N", out var id))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        cache.Invalidate(CacheTagOf(id));
    }

    /// <summary>The principal knows its session (<see cref="IdentityClaimTypes.SessionId"/>): which one is "this browser".</summary>
    private static void NameSession(AuthenticationTicket ticket, Guid id)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == IdentityClaimTypes.SessionId))
        {
            identity.AddClaim(new Claim(IdentityClaimTypes.SessionId, id.ToString("N")));
        }
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    /// <summary>The serialized ticket, or null when it cannot be read.</summary>
    private byte[]? Unprotect(byte[] data)
    {
        try
        {
            return _protector.Unprotect(data);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // its key is gone: the session cannot be read, so it is over
        }
    }

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length];
}
