using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using OtpNet;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The pages no other journey reaches, each checked by axe on the way (<see cref="PortalPages"/>): the profile (with
/// the keyboard alone, on a phone), the inbox and notification preferences, the workflow pages, the administrator's
/// pages, the audit log and the jobs dashboard; the seven Training pages in Serbian Cyrillic on a phone, then a material's page in English with a translation request. And the layout
/// does not move when the circuit takes over a page. They run on the production set-up (PostgreSQL, Azurite): that
/// portal's collection runs beside the SQLite one, and these minutes balance the two.
/// </summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed class AccountAndAdminPagesTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output)
{
    // Accounts no other browser test signs in with, since these journeys change them (language, sessions, two-factor).
    private const string ProfileMember = "member2.kcss@demo.portal";
    private const string PagesMember = "member2.d4d@demo.portal";
    private const string Administrator = "admin@demo.portal";
    private const string Trainer = "member1.yucom@demo.portal";

    private static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 3,
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public Task A_member_changes_their_profile_and_ends_their_other_sessions_with_the_keyboard_alone_on_a_phone()
        => portal.RunAsync(this, output, Phone, async page =>
    {
        // A second browser of the same person, to be signed out from the first.
        await using var otherBrowser = await portal.NewContextAsync();
        var other = await otherBrowser.NewPageAsync();
        await PortalPages.SignInAsync(other, ProfileMember);

        await PortalPages.SignInAsync(page, ProfileMember);
        await PortalPages.OpenAsync(page, "/account/profile");
        await PhoneScreen.AssertFitsAsync(page);

        await TabToAsync(page, "display-name");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Ardita Berisha");
        await TabToAsync(page, "language");
        await page.Keyboard.TypeAsync("Shqip");
        await TabToAsync(page, "time-zone");
        // A native select's type-ahead finds the zone by its city, which its name in the reader's language starts with.
        await page.Keyboard.TypeAsync("Tiran");
        await TabToAsync(page, "save-profile");
        await page.Keyboard.PressAsync("Enter");

        // The page comes back in Albanian, with the new name; the form holds what was saved.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sq");
        await Expect(page.Locator("#profile-saved")).ToBeVisibleAsync();
        await PortalPages.ReadyAsync(page);
        await Expect(page.Locator("#display-name")).ToHaveValueAsync("Ardita Berisha");
        await Expect(page.Locator("#time-zone")).ToHaveValueAsync("Europe/Tirane");
        await PhoneScreen.AssertFitsAsync(page);

        await TabToAsync(page, "end-other-sessions");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#other-sessions-ended")).ToBeVisibleAsync();
        await PortalPages.ReadyAsync(page);
        Assert.Equal(1, await page.Locator("#sessions tr.session").CountAsync());

        // The other browser was signed out: its next page asks it to sign in.
        await other.GotoAsync("/");
        await other.WaitForURLAsync(PortalPages.IsAt("/account/sign-in"));
        await PortalPages.ReadyAsync(other);
    });

    [Fact]
    public Task A_member_reaches_the_inbox_preferences_and_workflow_pages() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, PagesMember);
        foreach (var path in new[] { "/notifications", "/notifications/preferences", "/workflows/tasks", "/account/sessions", "/account/two-factor" })
        {
            await PortalPages.OpenAsync(page, path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
    });

    [Fact]
    public Task An_administrator_sets_up_two_factor_and_reaches_the_admin_pages_the_audit_log_and_the_jobs_dashboard()
        => portal.RunAsync(this, output, async page =>
    {
        await SignInAsAdministratorAsync(page);
        foreach (var path in new[] { "/admin/users", "/admin/partners", "/admin/roles", "/admin/audit", "/workflows/instances", "/workflows/definitions" })
        {
            await PortalPages.OpenAsync(page, path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
        // The jobs dashboard is Hangfire's own page in the portal's frame; it is checked like the others.
        await PortalPages.OpenAsync(page, "/admin/jobs");
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();

        await PartnerWithA200LetterNameKeepsTheTableReadableAsync(page);

        // On a phone the administrator's pages fit the screen: their tables stack instead of scrolling sideways; so do the
        // approvals' pages (the inbox, the instances, the definitions with their stage editor).
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/admin/users", "/admin/partners", "/admin/roles", "/admin/audit", "/workflows/tasks", "/workflows/instances", "/workflows/definitions" })
        {
            await PortalPages.OpenAsync(page, path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await PhoneScreen.AssertFitsAsync(page);
        }
    });

    /// <summary>
    /// A partner with a 200-letter name leaves the other cells' words whole and the page its width: the table read
    /// "Koso/vo" and "Short/name" beside it. Part of the administrator's test: the administrator signs in once per
    /// portal, since the second factor set up then is not kept for a second sign-in.
    /// </summary>
    private static async Task PartnerWithA200LetterNameKeepsTheTableReadableAsync(IPage page)
    {
        await page.SetViewportSizeAsync(1280, 800);
        await PortalPages.OpenAsync(page, "/admin/partners");
        var shortName = "W" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        // 200 letters without a space, as a pasted address would be: the one value that has to break inside a word.
        var name = string.Concat(Enumerable.Repeat("Unbroken", 25));
        await page.Locator("#new-partner").ClickAsync();
        await page.GetByLabel("Short name", new() { Exact = true }).FillAsync(shortName);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await MudChoices.PickAsync(page, page.Locator("#partner-form .mud-select").First, "Kosovo", "the partner's side");
        await UntilShown.ClickAsync(page.Locator("#save-partner"), page.GetByText($"{shortName} was saved."), "the partner's save");
        await PortalPages.ReadyAsync(page);

        var row = page.Locator("tr", new() { HasText = shortName });
        foreach (var width in new[] { 1280, 1000, 800, 390 })
        {
            await page.SetViewportSizeAsync(width, 800);
            // Beside the screen every column's words are whole: "Kosovo" and the headings on one line each (it read
            // "Koso/vo", "Short/name"), while the long name wraps inside its cell rather than widening the page.
            if (width > 600)
            {
                Assert.Equal(1, await LinesOfAsync(row.Locator("td").Nth(2)));
                Assert.Equal(1, await LinesOfAsync(row.Locator("td").Nth(0)));
                Assert.Equal(1, await LinesOfAsync(page.Locator("th", new() { HasText = "Short name" })));
                Assert.True(await LinesOfAsync(row.Locator("td").Nth(1)) > 1, $"At {width} px the 200-letter name did not wrap.");
            }
            Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"),
                $"At {width} px the partners' page scrolls sideways.");
        }
        await PhoneScreen.AssertFitsAsync(page);
    }

    /// <summary>How many lines the text of <paramref name="cell"/> takes (a line box per line of an inline's text).</summary>
    private static async Task<int> LinesOfAsync(ILocator cell) => await cell.EvaluateAsync<int>("""
        cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
        }
        """);

    [Fact]
    public Task A_trainer_reaches_the_seven_training_pages_in_Serbian_Cyrillic_on_a_phone() => portal.RunAsync(this, output, Phone, async page =>
    {
        await PortalPages.SignInAsync(page, Trainer);
        await page.GotoAsync("/culture/set?culture=sr-Cyrl&returnUrl=%2Ftraining");
        await page.WaitForURLAsync(PortalPages.IsAt("/training"));
        await PortalPages.ReadyAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sr-Cyrl");

        // A material and a collection to open, through the API with the trainer's own session (the journey tests the forms).
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var me = (await (await page.Context.APIRequest.GetAsync("/api/account/me")).JsonAsync())!.Value;
        var created = await page.Context.APIRequest.PostAsync("/api/training/materials", new APIRequestContextOptions
        {
            DataObject = new
            {
                kind = "Link", url = "https://example.org/vodic",
                details = new
                {
                    title = "Водич за извештавање о дијалогу " + suffix, summary = "За семинар о владавини права.", topics = new[] { "владавина права" },
                    audiences = new[] { "Media" }, language = "sr-Cyrl", level = "Introductory", durationMinutes = 90,
                    authoringPartnerIds = new[] { me.GetProperty("partnerOrganisationId").GetString() }, licence = "CC BY 4.0", activity = 10,
                },
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var material = (await created.JsonAsync())!.Value.GetProperty("material");
        var materialId = material.GetProperty("id").GetString();
        // The Cyrillic title gives a Latin slug, not only an id.
        Assert.StartsWith("vodic-za-izvestavanje-o-dijalogu-", material.GetProperty("slug").GetString(), StringComparison.Ordinal);
        var collection = await page.Context.APIRequest.PostAsync("/api/training/collections", new APIRequestContextOptions
        {
            DataObject = new { title = "Семинарски пакет " + suffix, description = "Редослед материјала.", materialIds = new[] { materialId } },
        });
        Assert.True(collection.Ok, await collection.TextAsync());
        var collectionId = (await collection.JsonAsync())!.Value.GetProperty("id").GetString();

        // Each page is checked by axe on the way, in Cyrillic, and fits the phone.
        foreach (var path in new[]
                 {
                     "/training", "/training/materials/new", $"/training/materials/{materialId}", $"/training/materials/{materialId}/edit",
                     "/training/collections", $"/training/collections/{collectionId}", "/training/follows",
                 })
        {
            await PortalPages.OpenAsync(page, path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sr-Cyrl");
            await PhoneScreen.AssertFitsAsync(page);
        }

        // Following a topic with the keyboard alone.
        var topic = "дијалог " + suffix;
        await TabToAsync(page, "follow-topic");
        await page.Keyboard.TypeAsync(topic);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToContainTextAsync(topic);
        await PhoneScreen.AssertFitsAsync(page);

        // The same pages work in English (issue 14's "done when"): the material reads in English, and a missing
        // translation is asked for from it, which becomes a task of the authoring partner's lead.
        await page.GotoAsync($"/culture/set?culture=en&returnUrl=%2Ftraining%2Fmaterials%2F{materialId}");
        await page.WaitForURLAsync(PortalPages.IsAt($"/training/materials/{materialId}"));
        await PortalPages.ReadyAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await MudChoices.PickAsync(page, page.Locator("xpath=//div[contains(@class,'mud-select')][.//label[normalize-space()='Language wanted']]").First,
            "Albanian", "the language wanted");
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }),
            page.GetByText("The request is a task in the authoring partners' leads' inbox", new() { Exact = false }), "the translation request's confirmation");
        await PhoneScreen.AssertFitsAsync(page);
    });

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public Task The_layout_does_not_move_when_the_circuit_takes_over_the_page(int width, int height)
        => portal.RunAsync(this, output, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }, async page =>
    {
        await PortalPages.SignInAsync(page, PagesMember);
        // The home page's sections show the member's data, which the suite's other tests change as they run (an
        // invitation, a task): a comparison that differs is made again, and a layout that moves moves every time.
        string interactive = "", prerendered = "";
        for (var look = 0; look < 3 && (look == 0 || interactive != prerendered); look++)
        {
            await page.UnrouteAllAsync();
            await page.GotoAsync("/");
            await PortalPages.ReadyAsync(page);
            interactive = await LayoutBoxesAsync(page);

            // The same page as the server first sends it: the circuit's script is refused, so nothing takes over.
            await page.RouteAsync("**/_framework/blazor.web*", route => route.AbortAsync());
            await page.GotoAsync("/");
            await page.WaitForLoadStateAsync(LoadState.Load);
            await Expect(page.Locator("[data-interactive=false]")).ToBeAttachedAsync();
            prerendered = await LayoutBoxesAsync(page);
        }
        await AccessibilityAudit.CheckAsync(page);

        Assert.Equal(interactive, prerendered);
    });

    /// <summary>Where the app bar, the navigation, the main content and the page's heading are, rounded to the pixel.</summary>
    private static async Task<string> LayoutBoxesAsync(IPage page) => await page.EvaluateAsync<string>("""
        () => ['.mud-appbar', '.mud-drawer', '#main-content', '#main-content h1', '.portal-brand'].map(selector => {
            const element = document.querySelector(selector);
            if (!element) return selector + ': none';
            const box = element.getBoundingClientRect();
            return `${selector}: ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)}`;
        }).join('\n')
        """);

    private static async Task SignInAsAdministratorAsync(IPage page)
    {
        await PortalPages.SignInAsync(page, Administrator, landsOn: null);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/account/two-factor" or "/account/sign-in-2fa" or "/");
        await PortalPages.ReadyAsync(page);
        if (PortalPages.PathOf(page) == "/account/two-factor")
        {
            // First sign-in: the administrator's role needs a second factor, set up here with the key shown.
            var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "").ToUpperInvariant();
            await page.Locator("#code").FillAsync(CodeOf(key));
            await page.Locator("#enable").ClickAsync();
            await Expect(page.Locator("#recovery-codes")).ToBeVisibleAsync();
            await PortalPages.ReadyAsync(page);
            await page.Locator("#continue").ClickAsync();
            await page.WaitForURLAsync(PortalPages.IsAt("/"));
            await PortalPages.ReadyAsync(page);
        }
    }

    private static string CodeOf(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp();

    /// <summary>Presses Tab until the element with <paramref name="id"/> has the focus: the way a keyboard user gets there.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.id") == id)
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"Tab never reached #{id}.");
    }
}
