using Consortium.Portal.Platform.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Public;

/// <summary>Registrations per client address and minute: the Platform's rate limit (<see cref="PortalRateLimits"/>) with this module's limit and words.</summary>
internal static class RegistrationRateLimit
{
    public const string Policy = "activities.registration";

    public static IServiceCollection AddRegistrationRateLimit(this IServiceCollection services)
        => services.AddPortalRateLimit<ActivitiesResource>(Policy, "Problem.TooManyRegistrations",
            provider => new RateLimitWindow(provider.GetRequiredService<IOptions<ActivitiesOptions>>().Value.RegistrationsPerMinute, TimeSpan.FromMinutes(1)));
}
