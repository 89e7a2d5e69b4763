using System.Reflection;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// One module of the portal. A module declares the modules it depends on (by name, so that no
/// implementation project references another) and contributes its services, its part of the EF Core
/// model, its permissions, its localization, its navigation, its pages and its HTTP endpoints.
/// The host names one root module; <see cref="ModuleLoader"/> finds the rest and orders them.
/// </summary>
public abstract class PortalModule
{
    /// <summary>The module's name; other modules depend on it by this name (a constant in its Contracts).</summary>
    public abstract string Name { get; }

    /// <summary>Names of the modules this one needs; they are configured before it.</summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>The assembly whose routable Razor components are pages of the portal.</summary>
    public virtual Assembly Assembly => GetType().Assembly;

    /// <summary>Whether <see cref="Assembly"/> holds routable pages to add to the router.</summary>
    public virtual bool HasPages => false;

    public virtual void ConfigureServices(ModuleServicesContext context) { }

    /// <summary>Maps the module's tables behind its prefix. Called by the module's own DbContext and by the migrations DbContext.</summary>
    public virtual void ConfigureModel(ModelBuilder builder) { }

    public virtual void DefinePermissions(PermissionDefinitionContext context) { }

    /// <summary>The JSON localization resource of the module, if it has user-visible text.</summary>
    public virtual ModuleLocalization? Localization => null;

    public virtual IEnumerable<NavigationItem> GetNavigationItems() => [];

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    /// <summary>Middleware of the module, added after authentication and authorization, before any endpoint runs.</summary>
    public virtual void ConfigureMiddleware(Microsoft.AspNetCore.Builder.IApplicationBuilder app) { }

    /// <summary>Seeds data the module needs (always) and demo data (when <see cref="SeedContext.IncludeDemoData"/>).</summary>
    public virtual Task SeedAsync(SeedContext context) => Task.CompletedTask;

    /// <summary>
    /// Every configuration value <see cref="SeedAsync"/> reads, by name: part of the seed fingerprint
    /// (<see cref="SeedFingerprint"/>), so that a changed one makes the next start seed again instead of skipping. A
    /// secret is given as what decides the seeding (whether it is set), never as itself: the fingerprint is stored.
    /// </summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> GetSeedInputs(IServiceProvider services) => [];

    public override string ToString() => Name;
}

public sealed record ModuleServicesContext(IServiceCollection Services, IConfiguration Configuration, IHostEnvironment Environment);

public sealed record SeedContext(IServiceProvider Services, bool IncludeDemoData, CancellationToken CancellationToken);

/// <summary>
/// A module's localization: embedded JSON files <c>{Folder}/{culture}.json</c> in <see cref="Assembly"/>, one flat
/// object of key to text per culture (en, sq, sr-Latn, sr-Cyrl). <see cref="ResourceType"/> is the marker type
/// components ask for with <c>IStringLocalizer&lt;T&gt;</c>.
/// </summary>
public sealed record ModuleLocalization(Type ResourceType, Assembly Assembly, string Folder = "Localization");

/// <summary>An entry in the portal's navigation. <see cref="TitleKey"/> is a key of the module's localization.</summary>
/// <param name="Permission">Shown only to users granted this permission; null means every signed-in user.</param>
public sealed record NavigationItem(string TitleKey, string Href, string Icon, Type LocalizationResource, int Order = 100, string? Permission = null, string? Role = null);
