using Bunit;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Pages;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Activities;

public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task The_event_page_s_output_and_cancel_forms_ask_before_leaving_while_they_hold_what_is_not_sent()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=cancel-event]");
        page.WaitForElement("[data-test=add-output]");

        Assert.False(tab.Page.BrowserAsksBeforeLeaving());
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        // An output's title typed, the output not added yet.
        await page.InvokeAsync(() => page.Find("#output-title").Change("Op-ed on the roundtable"));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        var kind = page.FindComponent<MudSelect<OutputKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(OutputKind.OpEd));
        await page.Find("[data-test=add-output]").SubmitAsync();
        await Eventually.TrueAsync(async () => (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>())
            .Outputs.Any(o => o.Title == "Op-ed on the roundtable"), "the output to be on the event");
        page.WaitForAssertion(() => Assert.False(tab.Page.BrowserAsksBeforeLeaving()));
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        // A reason for cancelling typed: the event is not cancelled yet.
        await page.InvokeAsync(() => page.Find("#cancel-reason").Change("The venue flooded."));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        // Once cancelled, the form goes with its guard.
        await page.Find("[data-test=cancel-event]").SubmitAsync();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-test=cancel-event]")));
        var cancelled = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((true, "The venue flooded."), (cancelled.IsCancelled, cancelled.CancellationReason));
        Assert.False(tab.Page.BrowserAsksBeforeLeaving());
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task The_event_page_s_output_form_stays_guarded_while_its_add_is_on_its_way_and_is_released_once_added()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=add-output]");
        await page.InvokeAsync(() => page.Find("#output-title").Change("Op-ed on the roundtable"));
        var kind = page.FindComponent<MudSelect<OutputKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(OutputKind.OpEd));

        var held = portal.Saves.HoldNext(evt.Id);
        var adding = page.Find("[data-test=add-output]").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Emptied while the add is on its way: the form holds nothing, but the output is not stored yet.
        await page.InvokeAsync(() => page.Find("#output-title").Change(""));
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(null));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        held.Released.SetResult();
        await adding;
        Assert.Contains("Op-ed on the roundtable", (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Outputs.Select(o => o.Title));
        page.WaitForAssertion(() => Assert.False(tab.Page.BrowserAsksBeforeLeaving()));
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task The_next_output_begun_while_an_output_is_added_stays_in_the_form()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=add-output]");
        await page.InvokeAsync(() => page.Find("#output-title").Change("Op-ed on the roundtable"));
        var kind = page.FindComponent<MudSelect<OutputKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(OutputKind.OpEd));
        var held = portal.Saves.HoldNext(evt.Id);
        var adding = page.Find("[data-test=add-output]").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await page.InvokeAsync(() => page.Find("#output-title").Change("Second op-ed"));
        held.Released.SetResult();
        await adding;

        Assert.Contains("Op-ed on the roundtable", (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Outputs.Select(o => o.Title));
        Assert.Equal("Second op-ed", page.Find("#output-title").GetAttribute("value"));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
    }

    [Fact]
    public async Task The_event_page_s_cancel_form_stays_guarded_while_the_cancellation_is_on_its_way_and_is_released_once_cancelled()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=cancel-event]");
        await page.InvokeAsync(() => page.Find("#cancel-reason").Change("The venue flooded."));

        var held = portal.Saves.HoldNext(evt.Id);
        var cancelling = page.Find("[data-test=cancel-event]").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The reason emptied while the cancellation is on its way: nothing typed is left, but the event is not cancelled yet.
        await page.InvokeAsync(() => page.Find("#cancel-reason").Change(""));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        held.Released.SetResult();
        await cancelling;
        var cancelled = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((true, "The venue flooded."), (cancelled.IsCancelled, cancelled.CancellationReason));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-test=cancel-event]")));
        Assert.False(tab.Page.BrowserAsksBeforeLeaving());
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task The_cancel_button_waits_busy_while_the_cancellation_is_on_its_way_so_a_second_press_sends_nothing()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var snackbars = tab.Page.Render<MudSnackbarProvider>();
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=cancel-event]");
        await page.InvokeAsync(() => page.Find("#cancel-reason").Change("The venue flooded."));
        Assert.False(page.Find("[data-test=cancel-event-button]").HasAttribute("disabled"));

        var held = portal.Saves.HoldNext(evt.Id);
        var cancelling = page.Find("[data-test=cancel-event]").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.True(page.Find("[data-test=cancel-event-button]").HasAttribute("disabled")));
        Assert.Equal("true", page.Find("[data-test=cancel-event-button]").GetAttribute("aria-busy"));
        Assert.NotEmpty(page.FindAll("[data-test=cancel-event-button] .mud-progress-circular"));

        // The press a browser would not deliver to a disabled button, sent anyway: nothing is sent again.
        await page.Find("[data-test=cancel-event]").SubmitAsync();
        held.Released.SetResult();
        await cancelling;

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-test=cancel-event]")));
        var cancelled = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((true, "The venue flooded."), (cancelled.IsCancelled, cancelled.CancellationReason));
        Assert.DoesNotContain("already cancelled", snackbars.Markup);
    }
}
