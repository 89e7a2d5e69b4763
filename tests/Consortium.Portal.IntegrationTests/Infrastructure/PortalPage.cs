using System.Security.Claims;
using Bunit;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// A page of the portal rendered by bUnit on the portal under test, as one signed-in person's tab: what the test gives
/// (MudBlazor on bUnit's JavaScript, the tab's <see cref="Live"/> feed) comes first, everything else from a scope of the
/// portal, as from a circuit's; each scope the page makes (<c>RunAsync</c>) is a scope of the portal too, so its
/// services, access checks and database are the real ones. The person is the circuit's principal, as the portal's
/// circuit handler sets it.
/// </summary>
internal sealed class PortalPage : IAsyncDisposable
{
    public BunitContext Page { get; } = new();

    /// <summary>The tab's subscriptions to subjects' changes, which the test pushes to.</summary>
    public RecordingLiveFeed Live { get; } = new();

    /// <param name="client">A client the portal signs in through the test header: the page is that person's.</param>
    public PortalPage(WebApplicationFactory<Program> portal, HttpClient client)
    {
        var user = TestSignInHandler.PrincipalOf(client.DefaultRequestHeaders.GetValues(TestSignInHandler.Header).Single())
                   ?? throw new ArgumentException("The client signs nobody in.", nameof(client));
        Page.Services.AddMudServices();
        // The guard's dialog on the test's dialog service, not the portal's; its texts are the portal's.
        Page.Services.AddScoped(services => new LeavePrompt(
            services.GetRequiredService<IDialogService>(), portal.Services.GetRequiredService<IStringLocalizer<PlatformResource>>()));
        Page.Services.AddSingleton<ILiveChangeFeed>(Live);
        Page.JSInterop.Mode = JSRuntimeMode.Loose;
        Page.Services.UseServiceProviderFactory(services => new Circuits(services.BuildServiceProvider(), portal.Services, user));
    }

    public async ValueTask DisposeAsync() => await Page.DisposeAsync();

    /// <summary>Makes each scope from the test's services and a scope of the portal, the test's first.</summary>
    private sealed class Circuits(ServiceProvider test, IServiceProvider portal, ClaimsPrincipal user) : IServiceProvider, IServiceScopeFactory, IAsyncDisposable
    {
        public object? GetService(Type serviceType)
            => serviceType == typeof(IServiceScopeFactory) ? this : test.GetService(serviceType) ?? portal.GetService(serviceType);

        public IServiceScope CreateScope()
        {
            var portalScope = portal.CreateAsyncScope();
            portalScope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = user;
            return new Scope(this, test.CreateAsyncScope(), portalScope);
        }

        public ValueTask DisposeAsync() => test.DisposeAsync();
    }

    private sealed class Scope(Circuits circuits, AsyncServiceScope test, AsyncServiceScope portal) : IServiceScope, IServiceProvider, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider => this;

        public object? GetService(Type serviceType)
            => serviceType == typeof(IServiceScopeFactory) ? circuits
                : serviceType == typeof(IServiceProvider) ? this
                : test.ServiceProvider.GetService(serviceType) ?? portal.ServiceProvider.GetService(serviceType);

        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        public async ValueTask DisposeAsync()
        {
            await test.DisposeAsync();
            await portal.DisposeAsync();
        }
    }
}

/// <summary>
/// A tab's <see cref="ILiveChangeFeed"/> whose watches a test sees and pushes to: each catches up with
/// <see cref="LiveChangeDto.Rejoined"/> when in place, as the real one does.
/// </summary>
internal sealed class RecordingLiveFeed : ILiveChangeFeed
{
    private readonly List<Watch> _watches = [];

    /// <summary>
    /// The subjects watched now, in the order they were watched: each once its page has caught up (the page's reload
    /// after <see cref="LiveChangeDto.Rejoined"/> has ended), until the page releases it. Wait for it with
    /// <see cref="Eventually"/>: bUnit's waits check again only when the page renders, and none may follow.
    /// </summary>
    public IReadOnlyList<Guid> Watched
    {
        get
        {
            lock (_watches)
            {
                return _watches.Where(w => w is { CaughtUp: true, Released: false }).Select(w => w.SubjectId).ToList();
            }
        }
    }

    public async Task<IAsyncDisposable> WatchAsync(string topic, Guid subjectId, Func<string, Task> changed)
    {
        var watch = new Watch(subjectId, changed);
        lock (_watches)
        {
            _watches.Add(watch);
        }
        await changed(LiveChangeDto.Rejoined);
        watch.CaughtUp = true;
        return watch;
    }

    /// <summary>
    /// Tells every watch of <paramref name="subjectId"/>, released or not, that it changed: a push the hub sent before
    /// the tab left the subject's group reaches the tab's listener after the page released it.
    /// </summary>
    public async Task PushAsync(Guid subjectId, string change)
    {
        List<Watch> watches;
        lock (_watches)
        {
            watches = _watches.Where(w => w.SubjectId == subjectId).ToList();
        }
        foreach (var watch in watches)
        {
            await watch.Changed(change);
        }
    }

    private sealed class Watch(Guid subjectId, Func<string, Task> changed) : IAsyncDisposable
    {
        public Guid SubjectId { get; } = subjectId;

        public Func<string, Task> Changed { get; } = changed;

        public bool CaughtUp { get; set; }

        public bool Released { get; private set; }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }
}
