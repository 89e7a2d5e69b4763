using System.Security.Claims;
using Bunit;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

public sealed class PortalComponentBaseTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.Services.AddMudServices();
        _page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        _page.Services.AddSingleton<IStringLocalizerFactory, EmbeddedJsonLocalizerFactory>();
        _page.Services.AddHttpContextAccessor();
        _page.Services.AddScoped(_ => new CurrentPrincipal { Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "editor@kipred.example")], "test")) });
        _page.Services.AddScoped<ICurrentUser, CurrentUser>();
        _page.Services.AddScoped<UserTimeZone>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task A_refusal_is_told_in_a_snackbar_unless_the_component_shows_it_in_place()
    {
        var snackbars = _page.Services.GetRequiredService<ISnackbar>();

        var elsewhere = _page.Render<RefusingComponent>(p => p.Add(c => c.InPlace, false));
        await elsewhere.InvokeAsync(elsewhere.Instance.RefuseAsync);
        // The reason is for the log; the user reads the portal's localized refusal.
        Assert.StartsWith("You do not have the permission", elsewhere.Instance.Shown);
        Assert.Equal([elsewhere.Instance.Shown], snackbars.ShownSnackbars.Select(s => s.Message));

        snackbars.Clear();
        var inPlace = _page.Render<RefusingComponent>(p => p.Add(c => c.InPlace, true));
        await inPlace.InvokeAsync(inPlace.Instance.RefuseAsync);
        Assert.Equal(elsewhere.Instance.Shown, inPlace.Instance.Shown);
        Assert.Empty(snackbars.ShownSnackbars);
    }

    [Fact]
    public async Task A_conflict_is_left_to_the_page_unless_the_component_tells_it_in_a_snackbar()
    {
        var snackbars = _page.Services.GetRequiredService<ISnackbar>();

        var offersReload = _page.Render<RefusingComponent>(p => p.Add(c => c.ConflictsInSnackbar, false));
        await offersReload.InvokeAsync(offersReload.Instance.ConflictAsync);
        Assert.True(offersReload.Instance.IsConflict);
        Assert.Empty(snackbars.ShownSnackbars);

        var tells = _page.Render<RefusingComponent>(p => p.Add(c => c.ConflictsInSnackbar, true));
        await tells.InvokeAsync(tells.Instance.ConflictAsync);
        Assert.True(tells.Instance.IsConflict);
        Assert.Equal([tells.Instance.Shown], snackbars.ShownSnackbars.Select(s => s.Message));
        Assert.Equal(offersReload.Instance.Shown, tells.Instance.Shown);
    }

    [Fact]
    public async Task A_conflict_gives_the_page_the_thing_as_it_is_now_when_the_module_gave_it()
    {
        var page = _page.Render<RefusingComponent>();
        var now = new { Name = "Reports", ConcurrencyStamp = Guid.NewGuid() };

        await page.InvokeAsync(() => page.Instance.ConflictAsync(now));
        Assert.True(page.Instance.IsConflict);
        Assert.Same(now, page.Instance.Current);

        await page.InvokeAsync(() => page.Instance.ConflictAsync());
        Assert.True(page.Instance.IsConflict);
        Assert.Null(page.Instance.Current);
    }

    private sealed class RefusingComponent : PortalComponentBase<PlatformResource>
    {
        [Parameter] public bool InPlace { get; set; }

        [Parameter] public bool ConflictsInSnackbar { get; set; }

        protected override bool ShowsRefusalsInPlace => InPlace;

        protected override bool TellsConflictsInSnackbar => ConflictsInSnackbar;

        public bool IsConflict => Problem?.IsConflict == true;

        public string? Shown => Problem?.Message;

        public Task RefuseAsync() => RunAsync<bool>(_ => throw new ForbiddenException("Not yours to change."));

        public object? Current => Problem?.Current;

        public Task ConflictAsync() => RunAsync<bool>(_ => throw new ConcurrencyConflictException("Folder", Guid.NewGuid()));

        public Task ConflictAsync(object current) => RunAsync<bool>(_ => throw new ConcurrencyConflictException("Folder", Guid.NewGuid(), current));
    }
}
