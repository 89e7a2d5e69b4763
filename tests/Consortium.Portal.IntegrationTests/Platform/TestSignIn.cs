using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// Test-only authentication: a request carrying <see cref="Header"/> (<c>user-id;user-name;Role,Role</c>, optionally
/// followed by <c>;claim-type=value</c> parts) is signed in as that user with those roles and claims; a request without
/// it is anonymous. Lets API tests go through the real authorization
/// (policies, permission grants in the database) without the sign-in pages.
/// </summary>
internal sealed class TestSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestSignIn";
    public const string Header = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value) || PrincipalOf(value.ToString()) is not { } principal)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The user a <see cref="Header"/> value signs in (null for a malformed one): a page test's circuit user too.</summary>
    public static ClaimsPrincipal? PrincipalOf(string value)
    {
        if (value.Split(';') is not [var id, var name, var roles, .. var extra])
        {
            return null;
        }
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(extra.Select(e => e.Split('=', 2)).Where(p => p.Length == 2).Select(p => new Claim(p[0], p[1])));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSignInHandler>(SchemeName, _ => { });
        // After every Configure, so it wins over the portal's own default schemes.
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = SchemeName;
            o.DefaultAuthenticateScheme = SchemeName;
            o.DefaultChallengeScheme = SchemeName;
            o.DefaultForbidScheme = SchemeName;
        });
    }

    public static string Value(Guid userId, string userName, params string[] roles) => $"{userId};{userName};{string.Join(",", roles)}";

    public static string Value(Guid userId, string userName, string role, IReadOnlyDictionary<string, string> claims)
        => Value(userId, userName, role) + string.Concat(claims.Select(c => $";{c.Key}={c.Value}"));
}
