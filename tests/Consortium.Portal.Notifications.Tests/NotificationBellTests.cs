using Bunit;
using Consortium.Portal.Notifications.Components;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Notifications.Tests;

/// <summary>
/// The bell's panel from the keyboard: MudBlazor draws the popover at the end of the page, so Tab from the bell went on
/// through the page and never reached the panel, and Escape left it open over the page.
/// </summary>
public sealed class NotificationBellTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();
    private readonly InboxDatabase _database = new();
    private readonly Guid _reader = Guid.NewGuid();

    public Task InitializeAsync()
    {
        var services = _page.Services;
        services.AddPortalComponentBasics(() => new SignedInUser(_reader, "ana@kcss.example"));
        services.AddScoped(_ => _database.Context());
        services.AddSingleton(new NotificationTypeRegistry([NotificationTypes.Announcement]));
        services.AddSingleton<NotificationRenderer>();
        services.AddSignalR();
        services.AddScoped<UnreadCountPush>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<NotificationInbox>();
        services.AddScoped<NotificationFeed>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task The_open_panel_takes_the_focus_and_Escape_closes_it_back_on_the_bell()
    {
        var popovers = _page.Render<MudPopoverProvider>();
        var bell = _page.Render<NotificationBell>();
        await bell.WaitForElement("#notification-bell-button").ClickAsync(new());

        // keyboard.js focuses an element marked data-autofocus as it appears; the panel is made anew at each opening.
        var panel = popovers.WaitForElement("#notification-panel");
        Assert.True(panel.HasAttribute("data-autofocus"));
        Assert.Equal("-1", panel.GetAttribute("tabindex"));
        Assert.Equal("dialog", panel.GetAttribute("role"));
        Assert.Equal("true", bell.Find("#notification-bell-button").GetAttribute("aria-expanded"));

        await panel.KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        bell.WaitForAssertion(() => Assert.Equal("false", bell.Find("#notification-bell-button").GetAttribute("aria-expanded")));
        Assert.Empty(popovers.FindAll("#notification-panel"));
        _page.JSInterop.VerifyFocusAsyncInvoke();
    }
}
