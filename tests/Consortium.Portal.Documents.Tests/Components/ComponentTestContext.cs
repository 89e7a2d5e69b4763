using Bunit;
using Consortium.Portal.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// A bUnit context for the module's components: MudBlazor, a signed-in user in Belgrade, texts shown as their keys, and
/// JavaScript calls answered with defaults (a test that cares sets its own).
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    public static readonly Guid UserId = Guid.Parse("7d1c2a40-5a4e-4d3e-9b1f-0c2e4a6b8d10");

    public BunitContext Page { get; } = new();

    public ComponentTestContext()
    {
        Page.Services.AddPortalComponentBasics(() => new SignedInUser(UserId, "editor@bprg.example"));
        Page.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async ValueTask DisposeAsync() => await Page.DisposeAsync();
}
