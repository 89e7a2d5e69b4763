using Consortium.Portal.Platform.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Jobs;

public static class BackgroundJobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>Hangfire's dashboard at <see cref="Path"/>, for holders of <see cref="PlatformPermissions.BackgroundJobs.View"/> (Administrators).</summary>
    public static IEndpointConventionBuilder MapBackgroundJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        HangfireDashboardTexts.Install(endpoints.ServiceProvider.GetRequiredService<Localization.LocalizedTexts>());
        return endpoints.MapHangfireDashboard(Path, new DashboardOptions
            {
                // The dashboard's own default lets in every local request; only the permission decides here.
                Authorization = [],
                AsyncAuthorization = [new BackgroundJobsDashboardAuthorization()],
                AppPath = "/",
                DashboardTitle = "Consortium Portal · Hangfire",
                DisplayStorageConnectionString = false,
            })
            .RequirePermission(PlatformPermissions.BackgroundJobs.View);
    }
}

/// <summary>
/// The dashboard's own check, which holds even where the endpoint's policy is not applied (the dashboard can also be
/// mounted as middleware): an authenticated user granted <see cref="PlatformPermissions.BackgroundJobs.View"/>.
/// </summary>
internal sealed class BackgroundJobsDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context) => IsAllowedAsync(context.GetHttpContext());

    internal static async Task<bool> IsAllowedAsync(HttpContext httpContext)
    {
        if (httpContext.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var permissions = httpContext.RequestServices.GetRequiredService<IPermissionChecker>();
        return await permissions.IsGrantedAsync(httpContext.User, PlatformPermissions.BackgroundJobs.View, httpContext.RequestAborted);
    }
}
