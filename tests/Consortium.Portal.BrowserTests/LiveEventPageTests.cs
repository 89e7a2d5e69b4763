using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The Coordinator has an event's page open; someone registers on its public page: the places taken on the open page
/// count them without a reload.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class LiveEventPageTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Coordinator = "coordinator@demo.portal";

    [Fact]
    public Task The_open_event_page_counts_a_registration_made_on_the_public_page_without_reloading() => portal.RunAsync(this, output, async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Live roundtable " + suffix;
        await PortalPages.SignInWithAuthenticatorAsync(page, Coordinator);
        var eventId = await PlanRoundtableAsync(page.Context.APIRequest, title);

        await PortalPages.OpenAsync(page, $"/activities/events/{eventId}");
        var places = page.Locator("[data-test=event-places]");
        await Expect(places).ToContainTextAsync("0 of 10 places taken, 0 waiting");
        // The page listens to its event; a mark on the page tells whether it was ever reloaded.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-live-watching", "1", new() { Timeout = 90_000 });
        await page.EvaluateAsync("() => { window.sameLivePage = true; }");

        // Someone registers on the public page, in a browser of their own, without signing in.
        await using var visitorContext = await portal.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await PortalPages.OpenAsync(visitor, $"/events/{eventId}");
        var form = visitor.Locator("form");
        await form.Locator("input[name=name]").FillAsync("Drita Berisha " + suffix);
        await form.Locator("input[name=email]").FillAsync($"drita.{suffix}@example.org");
        await form.Locator("select[name=targetGroup]").SelectOptionAsync("Media");
        await form.Locator("input[name=consent]").CheckAsync();
        var confirmed = visitor.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are registered" });
        // A form sent within seconds of being shown is taken for a robot's and comes back, filled in, with a fresh token:
        // a person sends it again. A round is long, so a slow answer is never taken for that and sent twice.
        await UntilShown.NudgeAsync(() => form.Locator("button[type=submit]").ClickAsync(), confirmed, "the registration's confirmation",
            round: TimeSpan.FromSeconds(15));

        // The Coordinator's open page counts them, without a reload.
        await Expect(places).ToContainTextAsync("1 of 10 places taken, 0 waiting");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameLivePage === true"));
    });

    /// <summary>A public roundtable in Peja tomorrow under Activity 9, for 10 people, planned through the API the new event page uses.</summary>
    private static async Task<Guid> PlanRoundtableAsync(IAPIRequestContext api, string title)
    {
        var activity = (await JsonOfAsync(api, "/api/activities/plan")).EnumerateArray().Single(a => a.GetProperty("number").GetInt32() == 9);
        var town = (await JsonOfAsync(api, "/api/activities/towns")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Peja");
        var belgrade = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, belgrade).Date.AddDays(1);
        var details = new JsonObject
        {
            ["activityId"] = activity.GetProperty("id").GetString(),
            ["kind"] = "Roundtable",
            ["title"] = title,
            ["localStart"] = tomorrow.AddHours(10).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["localEnd"] = tomorrow.AddHours(13).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["timeZone"] = "Europe/Belgrade",
            ["townId"] = town.GetProperty("id").GetString(),
            ["venue"] = "Hotel Dukagjini",
            ["organisingPartners"] = new JsonArray("AKTIV"),
            ["isPublic"] = true,
            ["capacity"] = 10,
        };
        var response = await api.PostAsync("/api/activities/events", new APIRequestContextOptions
        {
            Data = details.ToJsonString(), Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(response.Ok, $"Planning the roundtable: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> JsonOfAsync(IAPIRequestContext api, string path)
    {
        var response = await api.GetAsync(path);
        Assert.True(response.Ok, $"{path}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }
}
