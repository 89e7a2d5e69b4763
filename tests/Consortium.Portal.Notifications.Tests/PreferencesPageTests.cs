using Bunit;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Pages;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Notifications.Tests;

/// <summary>
/// The preferences page over the module's real inbox on an SQLite database in memory: a choice not saved yet is asked
/// about before a navigation loses it, and one clicked while a save is on its way is kept over what the save reads back.
/// </summary>
public sealed class PreferencesPageTests : IAsyncLifetime
{
    private const string Announcement = "notifications.announcement";

    private readonly BunitContext _page = new();
    private readonly InboxDatabase _database = new();
    private readonly Guid _reader = Guid.NewGuid();
    private readonly HeldSaves _saves = new();

    public Task InitializeAsync()
    {
        var services = _page.Services;
        services.AddPortalComponentBasics(() => new SignedInUser(_reader, "ana@kcss.example"));
        services.AddScoped(_ => _database.Context(_saves));
        services.AddSingleton(new NotificationTypeRegistry([NotificationTypes.Announcement, NotificationTypes.MemberJoined]));
        services.AddSingleton<NotificationRenderer>();
        // The unread count's push, which the inbox is made with; the page's saves push nothing.
        services.AddSignalR();
        services.AddScoped<UnreadCountPush>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<NotificationInbox>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        _database.Dispose();
    }

    private static string Choice(NotificationDelivery delivery, string type = Announcement) => $"tr[data-type='{type}'] input[value='{delivery}']";

    [Fact]
    public async Task A_choice_clicked_while_a_save_is_on_its_way_stays_chosen_and_unsaved()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Preferences>();
        var joined = NotificationTypes.MemberJoined.Name;
        page.WaitForElement(Choice(NotificationDelivery.Off));
        await page.Find(Choice(NotificationDelivery.Off)).ChangeAsync(new ChangeEventArgs { Value = "on" });
        _saves.Hold();
        var save = page.Find("#save-preferences").ClickAsync(new());
        await _saves.Reached;

        await page.Find(Choice(NotificationDelivery.Off, joined)).ChangeAsync(new ChangeEventArgs { Value = "on" });
        _saves.Release();
        await save;

        page.WaitForAssertion(() => Assert.DoesNotContain("Preferences:Default", page.Find($"tr[data-type='{Announcement}']").TextContent));
        Assert.True(page.Find(Choice(NotificationDelivery.Off)).HasAttribute("checked"));
        Assert.True(page.Find(Choice(NotificationDelivery.Off, joined)).HasAttribute("checked"));
        Assert.True(_page.BrowserAsksBeforeLeaving());
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_choice_not_saved_yet_is_asked_about_before_leaving_and_no_more_once_saved()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Preferences>();
        page.WaitForElement(Choice(NotificationDelivery.Off));

        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));

        await page.Find(Choice(NotificationDelivery.Off)).ChangeAsync(new ChangeEventArgs { Value = "on" });
        Assert.True(_page.BrowserAsksBeforeLeaving());
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
        Assert.True(page.Find(Choice(NotificationDelivery.Off)).HasAttribute("checked"));

        await page.Find("#save-preferences").ClickAsync(new());
        // Saved and read again: the announcement is no longer on its default.
        page.WaitForAssertion(() => Assert.DoesNotContain("Preferences:Default", page.Find($"tr[data-type='{Announcement}']").TextContent));
        Assert.False(_page.BrowserAsksBeforeLeaving());
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
        await using var db = _database.Context();
        Assert.Equal(NotificationDelivery.Off, (await db.Preferences.SingleAsync(p => p.UserId == _reader && p.Type == Announcement)).Delivery);
    }

    [Fact]
    public async Task A_choice_clicked_back_as_it_was_holds_nothing_to_lose()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Preferences>();
        page.WaitForElement(Choice(NotificationDelivery.Off));

        await page.Find(Choice(NotificationDelivery.Off)).ChangeAsync(new ChangeEventArgs { Value = "on" });
        Assert.True(_page.BrowserAsksBeforeLeaving());
        // The announcement's default, as it was read.
        await page.Find(Choice(NotificationDelivery.EmailImmediately)).ChangeAsync(new ChangeEventArgs { Value = "on" });

        Assert.False(_page.BrowserAsksBeforeLeaving());
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }
}
