using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Web;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>The main layout and the home page as a signed-in user sees them.</summary>
public abstract class LayoutTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task The_home_page_greets_the_user_by_name_in_their_language()
    {
        var client = await host.SignedInClientAsync(TestUser.Member(culture: "sq"));

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        Assert.Equal("sq", HostResponses.HtmlLang(html));
        Assert.Contains("Mirë se vini, Ardita Krasniqi", HostResponses.VisibleText(html));
    }

    [Fact]
    public async Task The_user_menu_shows_the_display_name_in_the_app_bar()
    {
        var client = await host.SignedInClientAsync(TestUser.PartnerLead());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        Assert.Contains("<span class=\"portal-user-name\">Milan Petrović</span>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task The_layout_and_the_home_sections_keep_MudBlazors_look_in_plain_markup()
    {
        var client = await host.SignedInClientAsync(TestUser.PartnerLead());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        // Written as MudMainContent, MudContainer, MudItem, MudPaper and MudText render them, without their components in
        // every tab's circuit; and the bell's overlay exists only while its panel is open.
        Assert.Contains("<div class=\"mud-main-content pt-16\">", html);
        Assert.Contains("<div class=\"mud-container mud-container-maxwidth-lg mud-container--gutters py-6 portal-page\">", html);
        Assert.Contains("<h1 class=\"mud-typography mud-typography-h4 mud-typography-gutterbottom\">", html);
        Assert.Contains("<div class=\"mud-paper mud-paper-outlined pa-4\" style=\"height: 100%\" data-test=\"home-section\">", html);
        Assert.Contains("<h2 class=\"mud-typography mud-typography-h6 mb-2\">", html);
        Assert.Contains("id=\"notification-bell-button\"", html);
        Assert.DoesNotContain("mud-overlay", html);
        // The bell says whether its panel is open, as a button that shows and hides something does.
        Assert.Matches("<button[^>]*id=\"notification-bell-button\"[^>]*aria-expanded=\"false\"|<button[^>]*aria-expanded=\"false\"[^>]*id=\"notification-bell-button\"", html);
    }

    [Fact]
    public async Task The_reconnect_dialog_speaks_the_users_language_and_the_page_has_one_main_landmark()
    {
        var client = await host.SignedInClientAsync(TestUser.Member(culture: "sq"));

        var html = WebUtility.HtmlDecode(await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK));

        // Blazor uses an element with this id instead of its own English dialog.
        Assert.Contains("id=\"components-reconnect-modal\"", html);
        Assert.Contains("Lidhja me portalin u ndërpre. Po rilidhet…", html);
        Assert.Contains("Provo përsëri", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<main[ >]"));
    }

    [Fact]
    public async Task The_reconnect_dialog_names_the_process_that_served_the_page_as_the_health_answer_does()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);
        var live = await client.GetAsync("/health/live");

        // reconnect.js compares the two while the dialog shows: another process answering means the circuit is gone.
        var served = System.Text.RegularExpressions.Regex.Match(html, "id=\"components-reconnect-modal\"[^>]*data-process=\"([0-9a-f]{32})\"");
        Assert.True(served.Success, "The reconnect dialog does not name the process that served the page.");
        Assert.Equal(served.Groups[1].Value, Assert.Single(live.Headers.GetValues(PortalProcessIdentity.Header)));
        Assert.Equal(served.Groups[1].Value, Assert.Single((await client.GetAsync("/health/ready")).Headers.GetValues(PortalProcessIdentity.Header)));
    }

    [Fact]
    public async Task The_theme_is_written_once_with_the_page_outside_the_circuit()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        // App renders the theme's style statically, before the interactive root's marker: no circuit keeps its ~30,000
        // characters in a render tree (README "Circuits"). Twice would mean the layout renders it again.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "mud-theme-provider"));
        Assert.Contains("--mud-palette-primary: rgba(31,78,121,1);", html); // PortalTheme's #1F4E79
        // The head has a marker of its own (HeadOutlet); the body's first is the interactive root's (Routes).
        var body = html.IndexOf("<body", StringComparison.Ordinal);
        var theme = html.IndexOf("mud-theme-provider", StringComparison.Ordinal);
        Assert.InRange(theme, body, html.IndexOf("<!--Blazor:", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_sees_only_the_entries_every_signed_in_user_may_open()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        Assert.Contains("href=\"/probe/open\"", html);
        Assert.DoesNotContain("/probe/people", html);
        Assert.DoesNotContain("/probe/admin", html);
    }

    [Fact]
    public async Task The_navigation_marks_the_page_it_is_on_and_no_other_entry()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        // The drawer writes MudNavLink's markup itself (one component, not three per entry): the same classes and aria-current.
        Assert.Contains("<a href=\"/\" class=\"mud-nav-link mud-ripple active\" aria-current=\"page\">", html);
        Assert.Contains("<a href=\"/probe/open\" class=\"mud-nav-link mud-ripple\">", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "aria-current=\"page\""));
    }

    [Fact]
    public async Task A_partner_lead_also_sees_the_entry_of_a_permission_their_role_is_granted()
    {
        var client = await host.SignedInClientAsync(TestUser.PartnerLead());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        Assert.Contains("href=\"/probe/open\"", html);
        Assert.Contains("href=\"/probe/people\"", html);
        Assert.DoesNotContain("/probe/admin", html);
    }

    [Fact]
    public async Task An_administrator_sees_the_entry_reserved_to_their_role()
    {
        var client = await host.SignedInClientAsync(TestUser.Administrator());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        Assert.Contains("href=\"/probe/admin\"", html);
    }

    [Fact]
    public async Task The_home_page_shows_the_modules_sections_in_their_order_and_not_the_navigation_again()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        var main = html[html.IndexOf("<h1", StringComparison.Ordinal)..];
        Assert.True(main.IndexOf("Probe.Home.Waiting", StringComparison.Ordinal) < main.IndexOf("Probe.Home.Recent", StringComparison.Ordinal), main);
        Assert.Contains("probe-waiting-items", main);
        Assert.Contains("probe-recent-items", main);
        Assert.DoesNotContain("Probe.Home.People", main);
        Assert.DoesNotContain("href=\"/probe/open\"", main);
    }

    [Fact]
    public async Task A_home_section_behind_a_permission_shows_to_those_granted_it()
    {
        var client = await host.SignedInClientAsync(TestUser.PartnerLead());

        var html = await (await client.GetAsync("/")).PageAsync(HttpStatusCode.OK);

        var main = html[html.IndexOf("<h1", StringComparison.Ordinal)..];
        Assert.True(main.IndexOf("Probe.Home.Waiting", StringComparison.Ordinal) < main.IndexOf("Probe.Home.People", StringComparison.Ordinal));
        Assert.True(main.IndexOf("Probe.Home.People", StringComparison.Ordinal) < main.IndexOf("Probe.Home.Recent", StringComparison.Ordinal));
    }
}

[Collection(HostCollections.Sqlite)]
public sealed class LayoutTests_Sqlite(HostPortal<SqlitePortal> host) : LayoutTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class LayoutTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : LayoutTests<PostgreSqlPortal>(host);
