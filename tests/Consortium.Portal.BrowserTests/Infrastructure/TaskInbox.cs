using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>Someone else in a browser of their own (audited with the test's pages), signed in; disposing closes it.</summary>
public sealed class SignedInPerson(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<SignedInPerson> StartAsync(PortalInBrowser portal, string email, bool twoFactor = false)
    {
        var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        if (twoFactor)
        {
            await PortalPages.SignInWithAuthenticatorAsync(page, email);
        }
        else
        {
            await PortalPages.SignInAsync(page, email);
        }
        return new SignedInPerson(context, page);
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

/// <summary>The task inbox ("waiting for me", /workflows/tasks) as an approver uses it, whatever module the task is from.</summary>
public static class TaskInbox
{
    /// <summary>
    /// Decides the task about <paramref name="subject"/> from the person's inbox; done when it has left the inbox. The
    /// task's buttons are in the reader's language, so they are taken by place: approve, request changes, reject.
    /// </summary>
    /// <param name="showsTimeline">Then opens the workflow's timeline (<c>/workflows/instances/{id}</c>) from the task's link, checked by axe.</param>
    /// <param name="inPlace">Decides in the inbox the page already shows, as a person who has it open does.</param>
    public static async Task DecideAsync(IPage page, string subject, bool approve, string? comment = null, bool showsTimeline = false, bool inPlace = false)
    {
        if (!inPlace || PortalPages.PathOf(page) != "/workflows/tasks")
        {
            await PortalPages.OpenAsync(page, "/workflows/tasks");
        }
        var card = Cards(page, subject);
        // The task is made by the outbox after the step before it: it may come a moment after the page.
        await UntilShown.NudgeAsync(() => page.ReloadAsync(), card.First, $"the task about {subject} in the inbox");
        card = card.Last;
        // Typing or clicking before the circuit is up would be lost when it attaches.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        if (comment is not null)
        {
            await card.Locator("textarea").First.FillAsync(comment);
        }
        var gone = Cards(page, subject);
        var timeline = await card.Locator("a[href^='/workflows/instances/']").First.GetAttributeAsync("href");
        await card.Locator("button").Nth(approve ? 0 : 1).ClickAsync();
        await Expect(gone).ToHaveCountAsync(0);
        if (showsTimeline)
        {
            await PortalPages.OpenAsync(page, timeline!);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
    }

    /// <summary>
    /// The inbox's own cards about <paramref name="subject"/>: the home page's lists (reviews, tasks, meetings) are
    /// lists of links with the same names.
    /// </summary>
    public static ILocator Cards(IPage page, string subject)
        => page.Locator("[data-test=task-inbox] > li").Filter(new LocatorFilterOptions { HasText = subject });
}
