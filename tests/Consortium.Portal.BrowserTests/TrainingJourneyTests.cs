using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The training issue's journey, read in Serbian Cyrillic: a BCSP trainer fills in a new material, uploads its file,
/// links the Albanian translation, puts it in a collection and sends it to publishing; BCSP's lead and the coordinator
/// approve from their inboxes; the material is then in the public library for anyone, and was not before. It runs on the
/// production set-up (PostgreSQL, Azurite): that portal's collection runs beside the SQLite one, which is the longer.
/// </summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed class TrainingJourneyTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output)
{
    private const string Trainer = "member2.bcsp@demo.portal";
    private const string TrainersLead = "lead.bcsp@demo.portal";

    [Fact]
    public Task A_trainer_publishes_a_material_with_its_albanian_translation_in_serbian_cyrillic() => portal.RunAsync(this, output, async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Извештавање о дијалогу " + suffix;
        var albanianTitle = "Raportimi për dialogun " + suffix;
        await PortalPages.SignInAsync(page, Trainer);
        await page.GotoAsync("/culture/set?culture=sr-Cyrl&returnUrl=%2Ftraining%2Fmaterials%2Fnew");
        await page.WaitForURLAsync(PortalPages.IsAt("/training/materials/new"));
        await PortalPages.ReadyAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sr-Cyrl");

        // The Albanian version exists already (a colleague's link, made through the API with the trainer's session).
        var me = (await (await page.Context.APIRequest.GetAsync("/api/account/me")).JsonAsync())!.Value;
        var albanian = await page.Context.APIRequest.PostAsync("/api/training/materials", new APIRequestContextOptions
        {
            DataObject = new
            {
                kind = "Link", url = "https://example.org/raportimi",
                details = new
                {
                    title = albanianTitle, summary = "Për seminarin e gazetarëve.", topics = new[] { "sundimi i ligjit" }, audiences = new[] { "Media" },
                    language = "sq", level = "Introductory", durationMinutes = 90,
                    authoringPartnerIds = new[] { me.GetProperty("partnerOrganisationId").GetString() }, licence = "CC BY 4.0", activity = 10,
                },
            },
        });
        Assert.True(albanian.Ok, await albanian.TextAsync());

        // The new material, through the form: a file (the default kind), in Serbian Cyrillic, for the media.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        await page.Locator("#material-title").FillAsync(title);
        await page.Locator("#material-summary").FillAsync("Приручник за семинар о владавини права и безбедности.");
        await page.Locator("#material-topics").FillAsync("владавина права, дијалог");
        await MudChoices.PickAsync(page, Select(page, "Циљне групе"), "Медији", "the audiences");
        await page.Keyboard.PressAsync("Escape");
        await MudChoices.PickAsync(page, Select(page, "Језик"), "српски (ћирилица)", "the language");
        var saved = page.Locator("h1", new PageLocatorOptions { HasText = title });
        await UntilShown.ClickAsync(page.Locator("form button[type=submit]").First, saved, "the new material's page");
        var materialPath = PortalPages.PathOf(page);

        // Its file, then the Albanian translation linked from its page.
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "prirucnik.md", MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes($"# {title}\n\nКако извештавати о дијалогу Београда и Приштине.\n"),
        });
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Пошаљи на објављивање" });
        await Expect(submit).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await MudChoices.PickAsync(page, Select(page, "Превод материјала"), albanianTitle, "the translation to link");
        // The translations list names the version's language and title ("Читај на језику: албански").
        var readInAlbanian = page.GetByText(albanianTitle, new() { Exact = true });
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Повежи", Exact = true }), readInAlbanian, "the link to the Albanian version");

        // A collection for the seminar, with the material in it.
        var collection = "Семинарски пакет " + suffix;
        await PortalPages.OpenAsync(page, "/training/collections");
        await page.Locator("#collection-title").FillAsync(collection);
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Направи" }),
            page.Locator("h1", new PageLocatorOptions { HasText = collection }), "the new collection's page");
        await PortalPages.ReadyAsync(page);
        await MudChoices.PickAsync(page, Select(page, "Додај материјал"), title, "the material to add");
        var item = page.Locator("#main-content").GetByText("1. " + title);
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Додај материјал", Exact = true }), item, "the material in the collection");
        // Saved once the page says so, as its person waits to read. Leaving at once with a new page load ended the circuit
        // before the save ran (a fresh-clone check: the list then said "0"). One press: the page has been answering the
        // circuit since the material was added, and a second press would send the stamp the first one used.
        await page.GetByRole(AriaRole.Button, new() { Name = "Сачувај", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Збирка је сачувана.", new() { Exact = true })).ToBeVisibleAsync();
        await PortalPages.OpenAsync(page, "/training/collections");
        var listed = page.Locator(".mud-list-item", new PageLocatorOptions { HasText = collection });
        await Expect(listed).ToContainTextAsync("1");

        // Sent to publishing from the material's page: in review, and not public yet.
        await PortalPages.OpenAsync(page, materialPath);
        await UntilShown.ClickAsync(submit, page.GetByText("На прегледу", new() { Exact = true }).First, "the material in review");
        await using var anonymous = await portal.NewContextAsync();
        var reader = await anonymous.NewPageAsync();
        await PortalPages.OpenAsync(reader, "/library");
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);

        // The seeded publishing workflow: the authoring partner's lead, then the coordinator, each from their inbox.
        await using (var lead = await SignedInPerson.StartAsync(portal, TrainersLead))
        {
            await TaskInbox.DecideAsync(lead.Page, title, approve: true);
        }
        await using (var coordinator = await SignedInPerson.StartAsync(portal, "coordinator@demo.portal", twoFactor: true))
        {
            await TaskInbox.DecideAsync(coordinator.Page, title, approve: true);
        }

        // The outcome reaches Training through the outbox: the trainer's page says public, and anyone finds it.
        await PortalPages.OpenAsync(page, materialPath);
        await UntilShown.NudgeAsync(() => page.ReloadAsync(), page.GetByText("Јавно", new() { Exact = true }).First, "the material to be public");
        await UntilShown.NudgeAsync(() => reader.ReloadAsync(), reader.GetByRole(AriaRole.Link, new() { Name = title }), "the material in the public library");
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(reader.Locator("h1")).ToHaveTextAsync(title);
        await PortalPages.ReadyAsync(reader);
    });

    /// <summary>A MudSelect found by its label, as a person finds it.</summary>
    private static ILocator Select(IPage page, string label)
        => page.Locator($"xpath=//div[contains(@class,'mud-select')][.//label[normalize-space()='{label}'] or @aria-label='{label}' or .//*[@aria-label='{label}']]").First;
}
