using Consortium.Portal.Platform.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Attempts to sign in (and to ask for reset links, accept invitations, give a second factor) per client address, against
/// password guessing: the Platform's rate limit (<see cref="PortalRateLimits"/>) with Identity's limit and words.
/// </summary>
internal static class SignInRateLimit
{
    public const string Policy = "identity.sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
        => services.AddPortalRateLimit<IdentityResource>(Policy, "Problem.TooManyAttempts", provider =>
        {
            var options = provider.GetRequiredService<IOptions<PortalIdentityOptions>>().Value;
            return new RateLimitWindow(options.SignInRateLimit, options.SignInRateLimitWindow);
        });
}
