using System.Security.Claims;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Components;

/// <summary>
/// The workspace pages and tabs. A circuit lives long, so each operation runs in a scope of its own (a fresh DbContext,
/// no stale tracked entities, no two loads on one context) acting as the circuit's signed-in user; the rules are the
/// server's, the same the API applies.
/// </summary>
public abstract class WorkspacesComponentBase : ComponentBase
{
    [Inject] protected IStringLocalizer<WorkspacesResource> L { get; set; } = default!;

    [Inject] private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject] private IStringLocalizerFactory LocalizerFactory { get; set; } = default!;

    [Inject] private UserTimeZone TimeZone { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Field errors of the last refused change, by JSON field name.</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>What the last refused change was refused for, in the user's language.</summary>
    protected string? Error { get; set; }

    /// <summary>Set when the last refusal was someone else's change in between, so the page offers to reload.</summary>
    protected bool Conflict { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            User = (await AuthenticationState).User;
        }
    }

    protected string? FieldError(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    protected void ClearErrors()
    {
        Error = null;
        Conflict = false;
        FieldErrors = new Dictionary<string, string[]>();
    }

    private protected async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> operation)
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = User;
        return await operation(scope.ServiceProvider);
    }

    private protected Task<T> RunAsync<T>(Func<WorkspaceService, Task<T>> operation)
        => RunAsync(services => operation(services.GetRequiredService<WorkspaceService>()));

    /// <summary>Runs a read or a change; a refusal becomes <see cref="Error"/> / <see cref="FieldErrors"/> and the result is default.</summary>
    private protected async Task<T?> TryAsync<T>(Func<WorkspaceService, Task<T>> operation) where T : class
        => await TryAsync(services => operation(services.GetRequiredService<WorkspaceService>()));

    private protected async Task<T?> TryAsync<T>(Func<IServiceProvider, Task<T>> operation) where T : class
    {
        ClearErrors();
        try
        {
            return await RunAsync(operation);
        }
        catch (WorkspaceValidationException e)
        {
            FieldErrors = e.Errors;
            Error = L["Problem.Validation"];
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            Conflict = true;
            Error = L["Problem.Conflict"];
        }
        catch (DomainRuleException e)
        {
            Error = LocalizerFactory.Create(e.LocalizationResource)[e.MessageKey, e.Arguments];
        }
        catch (ForbiddenException)
        {
            Error = L["Problem.Forbidden"];
        }
        catch (EntityNotFoundException)
        {
            Error = L["Problem.NotFound"];
        }
        return null;
    }

    protected string RoleName(WorkspaceRole? role) => role is { } r ? L["Role." + r] : L["Role.None"];

    protected string KindName(WorkspaceKind kind) => L["Kind." + kind];

    /// <summary>A UTC time as the reader's clock shows it (claim portal:tz, default Europe/Belgrade), in their culture.</summary>
    protected string InUserTime(DateTime utc, string format = "g") => TimeZone.Format(utc, format);
}
