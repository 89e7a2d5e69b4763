using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Components.Admin;

/// <summary>
/// The interactive management pages. A circuit lives long, so each operation runs in a scope of its own (fresh
/// DbContext, no stale tracked entities) acting as the circuit's signed-in user.
/// </summary>
public abstract class AdminPageBase : ComponentBase
{
    [Inject] protected IStringLocalizer<IdentityResource> L { get; set; } = default!;

    [Inject] private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject] private IStringLocalizerFactory LocalizerFactory { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Field errors of the last refused operation, by JSON field name.</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The message of the last refused operation.</summary>
    protected string? Error { get; set; }

    /// <summary>Set when the last refusal was a concurrent change, so the page can offer to reload.</summary>
    protected bool Conflict { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    protected string? FieldError(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    protected async Task<bool> IsGrantedAsync(string permission)
        => await RunAsync<IPermissionChecker, bool>(checker => checker.IsGrantedAsync(User, permission));

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation) where TService : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = User;
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs a change; a refusal becomes <see cref="Error"/> / <see cref="FieldErrors"/> instead of an exception.</summary>
    protected async Task<bool> TryChangeAsync<TService>(Func<TService, Task> operation) where TService : notnull
    {
        Error = null;
        Conflict = false;
        FieldErrors = new Dictionary<string, string[]>();
        try
        {
            await RunAsync<TService, bool>(async service =>
            {
                await operation(service);
                return true;
            });
            return true;
        }
        catch (IdentityValidationException e)
        {
            FieldErrors = e.Errors;
            Error = L["Problem.Validation"];
        }
        catch (DomainRuleException e)
        {
            Error = LocalizerFactory.Create(e.LocalizationResource)[e.MessageKey, e.Arguments];
        }
        catch (Exception e) when (e is ConcurrencyConflictException or DbUpdateConcurrencyException)
        {
            Conflict = true;
            Error = L["Problem.ConflictDetail"];
        }
        catch (ForbiddenException)
        {
            Error = L["Problem.Forbidden"];
        }
        catch (EntityNotFoundException)
        {
            Error = L["Problem.NotFound"];
        }
        return false;
    }

    protected string RoleName(string? role) => role is null ? "—" : L["Role." + role];

    protected string SideName(PartnerSide side) => L["Side." + side];

    /// <summary>A UTC time in the reader's time zone (claim portal:tz, default Europe/Belgrade).</summary>
    protected string LocalTime(DateTime utc)
    {
        var zoneId = User.FindFirstValue(PortalClaimTypes.TimeZone) ?? Domain.PortalUser.DefaultTimeZone;
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(Domain.PortalUser.DefaultTimeZone);
        }
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("g", CultureInfo.CurrentCulture);
    }
}
