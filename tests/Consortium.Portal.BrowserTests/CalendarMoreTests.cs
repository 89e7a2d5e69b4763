using System.Globalization;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A busy day in the month view: it shows three meetings and "+ n more". Radzen's default for that button opens a day
/// view, which the calendar has none of, so it did nothing (with the mouse or the keyboard) and the fourth meeting of
/// the day could not be reached from the month; it opens the day's week, where every meeting of the day is a button.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class CalendarMoreTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Lead = "lead.bprg@demo.portal";
    private const string Workspace = "2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task More_on_a_busy_day_opens_its_week_with_every_meeting_from_the_keyboard() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Lead);

        // Four meetings on one day two months on (no other test's meetings are there), made and opened through the API
        // with the lead's own session: making meetings is tested on its own.
        var belgrade = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, belgrade);
        var day = new DateTime(today.Year, today.Month, 10, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(2);
        var run = Guid.NewGuid().ToString("N")[..6];
        var titles = Enumerable.Range(1, 4).Select(n => $"Busy {run} {n}").ToList();
        foreach (var (title, hour) in titles.Select((t, i) => (t, 9 + i)))
        {
            var created = await page.APIRequest.PostAsync($"/api/workspaces/{Workspace}/meetings", new APIRequestContextOptions
            {
                DataObject = new
                {
                    title,
                    start = day.AddHours(hour).ToString("s", CultureInfo.InvariantCulture),
                    end = day.AddHours(hour).AddMinutes(45).ToString("s", CultureInfo.InvariantCulture),
                    timeZoneId = "Europe/Belgrade",
                },
            });
            Assert.True(created.Ok, await created.TextAsync());
            var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
            var opened = await page.APIRequest.PostAsync($"/api/meetings/{id}/open");
            Assert.True(opened.Ok, await opened.TextAsync());
        }

        await PortalPages.OpenAsync(page, "/meetings/calendar");
        var period = page.Locator("#calendar-period");
        await page.Locator("#calendar-next").FocusAsync();
        for (var step = 0; step < 2; step++)
        {
            var before = await period.InnerTextAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(period).Not.ToHaveTextAsync(before);
        }
        var meetings = page.Locator(".meeting-calendar .rz-event[role=button]", new PageLocatorOptions { HasText = $"Busy {run}" });
        await Expect(meetings).ToHaveCountAsync(3);

        var more = page.Locator(".meeting-calendar .rz-event-list-btn");
        await KeyboardMoves.TabToAsync(page, more, "the busy day's \"more\" button");
        var month = await period.InnerTextAsync();
        await page.Keyboard.PressAsync("Enter");

        // The day's week: its period, and all four meetings, the fourth reached and opened with the keyboard.
        await Expect(period).Not.ToHaveTextAsync(month);
        await Expect(meetings).ToHaveCountAsync(4);
        var fourth = page.Locator(".meeting-calendar .rz-event[role=button]", new PageLocatorOptions { HasText = titles[3] });
        await KeyboardMoves.TabToAsync(page, fourth, "the day's fourth meeting");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/meetings/", StringComparison.Ordinal) && !url.EndsWith("/calendar", StringComparison.Ordinal));
        await PortalPages.ReadyAsync(page);
        await Expect(page.Locator("h1")).ToContainTextAsync(titles[3]);
    });
}
