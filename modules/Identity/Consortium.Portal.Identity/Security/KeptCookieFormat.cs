using Consortium.Portal.Platform.Caching;
using Microsoft.AspNetCore.Authentication;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// The application cookie's format, with what a cookie decrypted to kept for a few seconds under the cookie's exact
/// text. Decrypting it (Data Protection: a key derivation, AES and an HMAC) was the larger part of authenticating a
/// signed-in request (build/bench/workflows/signed-in.sh), and a browser sends the same cookie with every request.
/// <para>
/// What the cookie holds is only the id of its session (<see cref="DatabaseTicketStore"/>): whether that session is still
/// valid (signed out, ended, a new security stamp, timed out) is decided by the store on every request, as before, so
/// keeping the decryption changes nothing about who is refused. Only text that did decrypt is kept; anything else is
/// decrypted (and refused) every time. The kept ticket is only read: the cookie handler takes the session id from it.
/// </para>
/// </summary>
internal sealed class KeptCookieFormat(ISecureDataFormat<AuthenticationTicket> inner, PortalCache cache, TimeSpan lifetime)
    : ISecureDataFormat<AuthenticationTicket>
{
    private const string Tag = "identity.cookies";

    private sealed record CacheKey(string ProtectedText, string? Purpose);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || lifetime <= TimeSpan.Zero)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        // Synchronous work behind the cache's asynchronous signature: the read completes at once.
        return cache.GetOrReadAsync<AuthenticationTicket?>(new CacheKey(protectedText, purpose), Tag, lifetime, (read, _) =>
        {
            var ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                read.DoNotKeep();
            }
            return Task.FromResult(ticket);
        }).GetAwaiter().GetResult();
    }
}
