using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// What a save of a module's DbContext takes from the scope (request, circuit operation, background job) that rented
/// the context from its pool: the scope's user, the integration events it raised, its request; and whether its saves
/// wrote to the outbox since the dispatcher was last woken. The contexts are pooled, so their options (and the save
/// interceptor in them) are the portal's; the scope's services reach a save only through this, which the context
/// holds from its rent to its return (<see cref="IPooledModuleContext"/>). Scoped.
/// </summary>
public sealed class ModuleContextScope
{
    private readonly IHttpContextAccessor _httpContextAccessor;

    internal ModuleContextScope(ICurrentUser currentUser, IntegrationEventPublisher publisher, IHttpContextAccessor httpContextAccessor)
    {
        CurrentUser = currentUser;
        Publisher = publisher;
        _httpContextAccessor = httpContextAccessor;
    }

    internal ICurrentUser CurrentUser { get; }

    internal IntegrationEventPublisher Publisher { get; }

    /// <summary>The request the scope serves; none in a circuit's operation or a background job.</summary>
    public HttpContext? Request => _httpContextAccessor.HttpContext;

    /// <summary>A save of one of the scope's contexts put a message in the outbox that the dispatcher was not yet woken for.</summary>
    internal bool WroteOutbox { get; set; }
}

/// <summary>
/// A module's DbContext, which the platform pools (<see cref="DbContextRegistration.AddModuleDbContext{TContext}"/>):
/// one instance serves many scopes, one after the other. It keeps nothing of a scope but <see cref="Scope"/>, which the
/// scoped registration sets at every rent and the context clears when it is disposed (its return to the pool), before
/// anything else, so no scope's user or request outlives it in the pool.
/// </summary>
public interface IPooledModuleContext
{
    ModuleContextScope? Scope { get; set; }
}
