using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The activities issue's journey: the Coordinator plans a roundtable in Peja under Activity 9; a person registers on
/// its public page from a phone, with the keyboard alone and without signing in; their confirmation e-mail carries the
/// link and the .ics; the Coordinator checks them in at the door on a phone-sized page; afterwards they give feedback
/// through their link, and the activity's progress and the donor report count them. It runs on the production set-up
/// (PostgreSQL, Azurite): that portal's collection runs beside the SQLite one, which is the longer.
/// </summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed class EventJourneyTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output)
{
    private const string Coordinator = "coordinator@demo.portal";
    private const int PhoneWidth = 390;

    [Fact]
    public Task A_roundtable_in_peja_is_registered_for_on_a_phone_checked_in_at_the_door_and_counted_in_the_donor_report() => portal.RunAsync(this, output, async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Roundtable on local dialogue " + suffix;
        var person = "Arta Krasniqi " + suffix;
        var email = $"arta.{suffix}@example.org";
        var belgrade = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, belgrade).Date;
        var tomorrow = today.AddDays(1);

        await PortalPages.SignInWithAuthenticatorAsync(page, Coordinator);
        var api = page.Context.APIRequest;
        var before = await Activity9Async(api);

        // The Coordinator plans the roundtable: Activity 9 is chosen by the link the plan's page gives.
        await PortalPages.OpenAsync(page, "/activities/events/new?activity=9");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        await MudChoices.PickAsync(page, Select(page, "Kind of event"), "Roundtable", "the kind of event");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        var day = page.GetByLabel("Day", new() { Exact = true });
        await day.FillAsync(tomorrow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await day.PressAsync("Tab");
        await MudChoices.PickAsync(page, Select(page, "Town"), "Peja", "the town");
        await page.GetByLabel("Venue", new() { Exact = true }).FillAsync("Hotel Dukagjini, conference hall");
        await MudChoices.PickAsync(page, Select(page, "Organisers"), "AKTIV", "the organising partner");
        await page.Keyboard.PressAsync("Escape");
        var places = page.GetByLabel("Places", new() { Exact = true });
        var isPublic = page.GetByLabel("Public event with registration");
        // A second click while the first is on its way would switch it off again.
        await UntilShown.NudgeAsync(async () =>
        {
            if (!await isPublic.IsCheckedAsync())
            {
                await isPublic.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
            }
        }, places, "the places of a public event");
        await places.FillAsync("30");
        await places.PressAsync("Tab");
        var saved = page.Locator("h1", new PageLocatorOptions { HasText = title });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });
        // Long rounds, clicked only while still on the form: a second click during a slow save would plan a second event.
        await UntilShown.NudgeAsync(async () =>
        {
            if (PortalPages.PathOf(page).EndsWith("/new", StringComparison.Ordinal))
            {
                await save.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
            }
        }, saved, "the new event's page", round: TimeSpan.FromSeconds(10));
        var eventId = Guid.Parse(PortalPages.PathOf(page).Split('/')[^1]);
        await Expect(page.Locator("#main-content")).ToContainTextAsync("Activity 9 · Roundtable");
        await Expect(page.Locator("#main-content")).ToContainTextAsync("Peja (Kosovo), Hotel Dukagjini");
        await Expect(page.Locator("#main-content")).ToContainTextAsync("0 of 30 places taken, 0 waiting");

        // A person registers on the public page from a phone, without signing in, with the keyboard alone.
        await using var visitorContext = await portal.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = PhoneWidth, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var visitor = await visitorContext.NewPageAsync();
        await PortalPages.OpenAsync(visitor, $"/events/{eventId}");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync(title);
        await Expect(visitor.Locator("main")).ToContainTextAsync("30 places left.");
        await PhoneScreen.AssertFitsAsync(visitor, "the public event page");
        var form = visitor.Locator("form");
        await KeyboardMoves.TabToAsync(visitor, form.Locator("input[name=name]"), "the name field");
        await visitor.Keyboard.TypeAsync(person);
        await KeyboardMoves.TabToAsync(visitor, form.Locator("input[name=email]"), "the e-mail field");
        await visitor.Keyboard.TypeAsync(email);
        await KeyboardMoves.TabToAsync(visitor, form.Locator("input[name=organisation]"), "the organisation field");
        await visitor.Keyboard.TypeAsync("Radio Dukagjini");
        // A closed select takes what is typed as the start of an option's text.
        await KeyboardMoves.TabToAsync(visitor, form.Locator("select[name=targetGroup]"), "the target group");
        await visitor.Keyboard.TypeAsync("Media");
        await Expect(form.Locator("select[name=targetGroup]")).ToHaveValueAsync("Media");
        await KeyboardMoves.TabToAsync(visitor, form.Locator("select[name=gender]"), "the gender");
        await visitor.Keyboard.TypeAsync("Female");
        await Expect(form.Locator("select[name=gender]")).ToHaveValueAsync("Female");
        await KeyboardMoves.TabToAsync(visitor, form.Locator("select[name=ageGroup]"), "the age group");
        await visitor.Keyboard.TypeAsync("18");
        await Expect(form.Locator("select[name=ageGroup]")).ToHaveValueAsync("From18To29");
        // The honeypot is out of the tab order: the next stop is the consent.
        await KeyboardMoves.TabToAsync(visitor, form.Locator("input[name=consent]"), "the consent");
        await visitor.Keyboard.PressAsync("Space");
        await Expect(form.Locator("input[name=consent]")).ToBeCheckedAsync();
        var submit = form.Locator("button[type=submit]");
        await KeyboardMoves.TabToAsync(visitor, submit, "the register button");
        var confirmed = visitor.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are registered" });
        // Enter on the focused button sends the form. A form sent within seconds of being shown is taken for a robot's and comes back, filled in, with a fresh
        // token: a person sends it again. A round is long, so a slow answer is never taken for that and sent twice.
        await UntilShown.NudgeAsync(() => submit.PressAsync("Enter"), confirmed, "the registration's confirmation", round: TimeSpan.FromSeconds(15));
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(person);
        await PhoneScreen.AssertFitsAsync(visitor, "the registration's answer");

        // The confirmation e-mail: the registrant's own link, and the event as a calendar entry.
        var mail = await Eventually.GetAsync(() => Task.FromResult(MailTo(email)), m => m is not null, $"the confirmation e-mail to {email}");
        Assert.Equal($"Registered: {title}", mail!.Subject);
        var link = Regex.Match(mail.TextBody ?? "", $@"https?://\S+?(/events/{eventId}/registration\?token=[A-Za-z0-9_%-]+)");
        Assert.True(link.Success, "The confirmation has no registrant link:\n" + mail.TextBody);
        var calendar = mail.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using (var ics = new MemoryStream())
        {
            await calendar.Content!.DecodeToAsync(ics);
            var text = System.Text.Encoding.UTF8.GetString(ics.ToArray()).Replace("\r\n ", "", StringComparison.Ordinal);
            Assert.Contains("BEGIN:VEVENT", text, StringComparison.Ordinal);
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains("Peja", text, StringComparison.Ordinal);
            // In UTC: 10:00 in Belgrade.
            var startUtc = TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddHours(10), belgrade);
            Assert.Contains($"DTSTART:{startUtc:yyyyMMdd'T'HHmmss}Z", text, StringComparison.Ordinal);
        }

        // At the door: the Coordinator's phone, the search by name and the check-in, with the keyboard alone.
        var door = await page.Context.NewPageAsync();
        await door.SetViewportSizeAsync(PhoneWidth, 844);
        await PortalPages.OpenAsync(door, $"/activities/events/{eventId}/check-in");
        await Expect(door.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        var search = door.Locator("form[role=search] input").First;
        await KeyboardMoves.TabToAsync(door, search, "the search by name");
        await door.Keyboard.TypeAsync(person);
        var checkIn = door.GetByRole(AriaRole.Button, new() { Name = "Check in " + person, Exact = true });
        await checkIn.WaitForAsync();
        await KeyboardMoves.TabToAsync(door, checkIn, "the check-in button");
        await UntilShown.NudgeAsync(() => door.Keyboard.PressAsync("Enter"), door.GetByText("Here since"), "the person checked in");
        await PhoneScreen.AssertFitsAsync(door, "the check-in page");
        await door.CloseAsync();

        // The roundtable took place: the Coordinator records when (yesterday); the registrant's page shows it at once.
        var yesterday = today.AddDays(-1);
        await MoveAsync(api, eventId, yesterday);
        await PortalPages.OpenAsync(visitor, link.Groups[1].Value);
        await Expect(visitor.Locator("main")).ToContainTextAsync(yesterday.AddHours(10).ToString("f", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        await visitor.Locator("input[name=rating][value='4']").CheckAsync();
        await visitor.Locator("textarea[name=comment]").FillAsync("Frank talk between the municipality and the youth.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for your feedback.");
        await PortalPages.ReadyAsync(visitor);
        await PhoneScreen.AssertFitsAsync(visitor, "the registrant's page");

        // The event page sums it up, and the activity's progress and the donor report count the person.
        await PortalPages.OpenAsync(page, $"/activities/events/{eventId}");
        await Expect(page.Locator("#main-content")).ToContainTextAsync("1 attended");
        await Expect(page.Locator("#main-content")).ToContainTextAsync("Average rating 4.0 of 5 from 1 answers");
        await Expect(page.Locator("#main-content")).ToContainTextAsync("Frank talk between the municipality and the youth.");
        var after = await Activity9Async(api);
        Assert.Equal(before.GetProperty("eventsHeld").GetInt32() + 1, after.GetProperty("eventsHeld").GetInt32());
        Assert.Equal(before.GetProperty("participants").GetInt32() + 1, after.GetProperty("participants").GetInt32());
        Assert.Equal(before.GetProperty("participantsKosovo").GetInt32() + 1, after.GetProperty("participantsKosovo").GetInt32());
        var report = await JsonOfAsync(api, $"/api/activities/reports/donor?from={yesterday:yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}");
        var held = report.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("number").GetInt32() == 9)
            .GetProperty("events").EnumerateArray().Single(e => e.GetProperty("title").GetString() == title);
        Assert.Equal(1, held.GetProperty("participants").GetInt32());
        Assert.Equal(1, held.GetProperty("female").GetInt32());
        Assert.Equal(1, held.GetProperty("byTargetGroup").GetProperty("Media").GetInt32());
        Assert.Equal(1, held.GetProperty("byAgeGroup").GetProperty("From18To29").GetInt32());
        await PortalPages.OpenAsync(page, "/activities");
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Tab, new() { Name = "Progress" }),
            page.Locator("td", new PageLocatorOptions { HasText = "9. Local roundtables" }).First, "the progress table");
    });

    /// <summary>Activity 9's progress as the API gives it.</summary>
    private static async Task<JsonElement> Activity9Async(IAPIRequestContext api)
        => (await JsonOfAsync(api, "/api/activities/progress")).EnumerateArray().Single(a => a.GetProperty("number").GetInt32() == 9);

    private static async Task<JsonElement> JsonOfAsync(IAPIRequestContext api, string path)
    {
        var response = await api.GetAsync(path);
        Assert.True(response.Ok, $"{path}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>Records the event as held on <paramref name="day"/>, 10:00–13:00 in its zone, through the API the edit page uses.</summary>
    private static async Task MoveAsync(IAPIRequestContext api, Guid eventId, DateTime day)
    {
        var evt = JsonNode.Parse(await (await api.GetAsync($"/api/activities/events/{eventId}")).TextAsync())!;
        var details = new JsonObject();
        foreach (var field in new[] { "activityId", "kind", "title", "description", "timeZone", "townId", "venue", "organisingPartners",
                     "participatingPartners", "speakers", "agenda", "isPublic", "capacity" })
        {
            details[field] = evt[field]?.DeepClone();
        }
        details["localStart"] = day.AddHours(10).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        details["localEnd"] = day.AddHours(13).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject { ["details"] = details, ["concurrencyStamp"] = evt["concurrencyStamp"]!.DeepClone() };
        var response = await api.PutAsync($"/api/activities/events/{eventId}", new APIRequestContextOptions
        {
            Data = body.ToJsonString(), Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(response.Ok, $"Moving the event: {response.Status} {await response.TextAsync()}");
    }

    /// <summary>The newest e-mail to <paramref name="to"/> the portal has sent (its mail folder), or null.</summary>
    private MimeMessage? MailTo(string to)
    {
        var folder = portal.Portal.MailFolder;
        if (!Directory.Exists(folder))
        {
            return null;
        }
        foreach (var file in Directory.GetFiles(folder, "*.eml").OrderDescending())
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(file);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                // Still being written.
                continue;
            }
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                return message;
            }
        }
        return null;
    }

    /// <summary>A MudSelect found by its label, as a person finds it.</summary>
    private static ILocator Select(IPage page, string label)
        => page.Locator($"xpath=//div[contains(@class,'mud-select')][.//label[normalize-space()='{label}'] or @aria-label='{label}' or .//*[@aria-label='{label}']]").First;
}
