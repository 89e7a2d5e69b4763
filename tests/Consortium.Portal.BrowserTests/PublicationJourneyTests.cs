using System.Text;
using System.Text.RegularExpressions;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A joint op-ed through the default review, each person in a browser of their own: the author makes the draft with the
/// form and submits; the co-author review (the author alone) passes and her timeline reads in her language and time zone;
/// a Serbian lead asks for changes, the author resubmits, a Kosovo lead and the Serbian lead approve; the coordinator
/// approves; the author publishes with the page's form. The public catalogue and its feed show it then, and not before.
/// At the end the workflow pages and the publication's page are checked at a phone's width.
/// On SQLite the coordinator first adds a stage to the default definition (the authors' sign-off, after her approval) and
/// publishes its version 2, which the journey runs; the cross-partner review's deadline passes in between, and the
/// escalation reaches the coordinator's bell.
/// </summary>
public abstract class PublicationJourney(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string Workspace = "2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";
    private const string Disclaimer = "This publication was produced with the financial support of the European Union and the Royal Norwegian Embassy. " +
                                      "Its contents are the sole responsibility of the authors and do not necessarily reflect the views of the European Union or the Royal Norwegian Embassy.";

    [Fact]
    public Task An_op_ed_goes_from_submission_through_both_sides_and_the_coordinator_to_the_catalogue() => portal.RunAsync(this, output, async author =>
    {
        var title = "Town by town " + Guid.NewGuid().ToString("N")[..8];
        // The coordinator's role requires a second factor: her authenticator is set up at her first sign-in.
        await using var coordinator = await SignedInContextAsync(Coordinator, twoFactor: true);
        if (AddsAStage)
        {
            await AddAnAuthorsSignOffToTheDefaultDefinitionAsync(coordinator.Page);
        }
        await PortalPages.SignInAsync(author, Author);

        // The manuscript, uploaded through the API with the author's own session (uploads are tested on their own).
        var upload = await author.Context.APIRequest.PostAsync($"/api/workspaces/{Workspace}/documents", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(title)}.md" },
            DataByte = Encoding.UTF8.GetBytes($"# {title}\n\nBalkans Policy Research Group\n\n{Disclaimer}\n"),
        });
        Assert.True(upload.Ok, await upload.TextAsync());

        // The draft, from the workspace's Publications tab and its form (she reads the portal in Albanian): a title, and
        // the manuscript chosen among the workspace's documents; an op-ed in English under Activity 4 as the form offers.
        await PortalPages.OpenAsync(author, $"/workspaces/{Workspace}");
        await author.GetByRole(AriaRole.Tab, new() { Name = "Publikimet" }).ClickAsync();
        await author.GetByRole(AriaRole.Link, new() { Name = "Publikim i ri" }).ClickAsync();
        await author.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/publications/new/{Workspace}");
        await PortalPages.ReadyAsync(author);
        var form = author.Locator("form[aria-label]");
        await form.GetByLabel("Titulli", new() { Exact = true }).FillAsync(title);
        await MudChoices.PickAsync(author, form.Locator(".mud-select", new() { HasText = "Dorëshkrimi" }).First, title, "the manuscript");
        await form.Locator("button[type=submit]").ClickAsync();
        await author.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/publications/[0-9a-f-]{36}$"));
        var id = PortalPages.PathOf(author)["/publications/".Length..];
        await PortalPages.ReadyAsync(author);
        await Expect(author.Locator("h1")).ToHaveTextAsync(title);
        await Expect(author.Locator("[data-state=Draft]").First).ToBeVisibleAsync();

        // The author submits from the publication's page.
        // The form offers the published definitions for publications, the default one chosen, named in the author's
        // language.
        await Expect(author.Locator("[data-test=workflow]")).ToContainTextAsync("Shqyrtimi i publikimit të përbashkët");
        await UntilShown.ClickAsync(author.Locator("[data-test=submit]"), author.Locator("[data-state=InApproval]").First, "the publication to be in approval");

        // Not public while in approval.
        await using var anonymous = await portal.NewContextAsync();
        Assert.DoesNotContain(title, await (await anonymous.APIRequest.GetAsync("/catalogue/en/feed.atom")).TextAsync());

        // Co-author review: the author is the only author. Her timeline then reads in Albanian, at her clock's time.
        await DecideAsync(author, title, "Approve", showsTimeline: true);
        await TimelineReadsInAsync(author, "miratoi", "sq", UserTimeZone);

        // A Serbian lead asks for changes; the author resubmits.
        await using var serbia = await SignedInContextAsync("lead.bcsp@demo.portal");
        await DecideAsync(serbia.Page, title, "Request changes", "Name the municipalities.");
        await PortalPages.OpenAsync(author, $"/publications/{id}");
        // The request for changes reaches the publication through the outbox.
        await UntilShown.NudgeAsync(() => author.ReloadAsync(), author.GetByText("Name the municipalities.", new() { Exact = false }).First, "the reviewer's comment");
        await Expect(author.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        await author.Locator("[data-test=submit]").ClickAsync();
        await Expect(author.Locator("[data-state=InApproval]")).ToHaveCountAsync(1);

        ILocator? bell = null;
        var unreadBefore = 0;
        var deadlinePassed = System.Diagnostics.Stopwatch.StartNew();
        if (LetsDeadlinesPass)
        {
            // The cross-partner review's five working days pass with no decision: the leads' tasks come due in the
            // portal's database, standing for the time (the portal runs on the real clock, as the restart tests'
            // restart stands for one). Hangfire's timer sweep (every 5 s in the browser-test portal, every minute in
            // production) finds them and tells the coordinator, whose
            // bell counts up without a reload; meanwhile the Kosovo lead signs in.
            await Expect(coordinator.Page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
            bell = coordinator.Page.Locator("#notification-bell");
            unreadBefore = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await DeadlinePasses.OnCrossPartnerReviewAsync(portal.Portal.DataFolder, id!);
            deadlinePassed.Restart();
        }

        // A lead of each side approves, then the coordinator.
        await using var kosovo = await SignedInContextAsync("lead.d4d@demo.portal");
        if (bell is not null)
        {
            await Expect(bell).Not.ToHaveAttributeAsync("data-unread", unreadBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 120_000 });
            await coordinator.Page.Locator("#notification-bell-button").ClickAsync();
            var escalation = coordinator.Page.Locator("#notification-panel .notification", new PageLocatorOptions { HasText = title }).First;
            await escalation.ClickAsync();
            // The escalation leads to the workflow's timeline (a new task would lead to the inbox).
            await coordinator.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/workflows/instances/", StringComparison.Ordinal));
            await PortalPages.ReadyAsync(coordinator.Page);
            // What the step costs the suite: the wait for the next sweep (every 5 s here) and the notification's delivery.
            output.WriteLine($"The escalation reached the coordinator {deadlinePassed.Elapsed.TotalSeconds:0} s after the deadline passed.");
        }
        await DecideAsync(kosovo.Page, title, "Approve");
        if (RestartsThePortal)
        {
            // Between the two sides' approvals the portal is restarted as a deploy does, every page left open; then
            // the Serbian lead goes on in the inbox she has open.
            await TheRestartLosesNothingAsync(id!, title, author, serbia.Page, kosovo.Page, coordinator.Page);
        }
        await DecideAsync(serbia.Page, title, "Approve", inPlace: RestartsThePortal);
        Assert.DoesNotContain(title, await (await anonymous.APIRequest.GetAsync("/catalogue/en/feed.atom")).TextAsync());
        await DecideAsync(coordinator.Page, title, "Approve");
        if (AddsAStage)
        {
            // Version 2, which the coordinator published at the start, runs: its added stage asks the author to sign the
            // final text off, in her inbox (named in her language), before the publication is approved.
            await PortalPages.OpenAsync(author, "/workflows/tasks");
            await UntilShown.NudgeAsync(() => author.ReloadAsync(), TaskInbox.Cards(author, title).First, "the authors' sign-off in the author's inbox");
            await Expect(TaskInbox.Cards(author, title).First).ToContainTextAsync(SignOff.Sq);
            Assert.DoesNotContain(title, await (await anonymous.APIRequest.GetAsync("/catalogue/en/feed.atom")).TextAsync());
            await DecideAsync(author, title, "Approve", inPlace: true);
        }

        // Approved (the outcome arrives through the outbox), still not public; then published.
        await PortalPages.OpenAsync(author, $"/publications/{id}");
        await UntilShown.NudgeAsync(() => author.ReloadAsync(), author.Locator("[data-state=Approved]").First, "the publication to be approved");
        Assert.DoesNotContain(title, await (await anonymous.APIRequest.GetAsync("/catalogue/en/feed.atom")).TextAsync());
        // The author publishes from the page's form: the final file for English (the manuscript), today's date as the
        // form offers it, and the outlet's link.
        var outlet = $"https://outlet.example.org/op-eds/{title.Replace(' ', '-')}";
        var publish = author.Locator("section[aria-labelledby=publish-heading]");
        await MudChoices.PickAsync(author, publish.Locator(".mud-select").First, title, "the final file in English");
        await publish.GetByLabel("Lidhja në medium", new() { Exact = true }).FillAsync(outlet);
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publiko", Exact = true }).ClickAsync();
        await Expect(author.Locator("[data-state=Published]").First).ToBeVisibleAsync();
        await Expect(author.Locator($"a[href='{outlet}']")).ToBeVisibleAsync();
        var publicPage = await author.Locator("a[href^='/catalogue/en/']").First.GetAttributeAsync("href");
        var slug = publicPage!["/catalogue/en/".Length..];

        // Anyone, without signing in, finds it in the catalogue and the feed.
        var reader = await anonymous.NewPageAsync();
        await PortalPages.OpenAsync(reader, "/catalogue");
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(reader.Locator("h1")).ToHaveTextAsync(title);
        await PortalPages.ReadyAsync(reader);
        Assert.EndsWith($"/catalogue/en/{slug}", reader.Url);
        Assert.Contains(title, await (await anonymous.APIRequest.GetAsync("/catalogue/en/feed.atom")).TextAsync());
        if (RestartsThePortal)
        {
            // Nothing done twice, to the end: after the restart no timer fired again and no step was repeated.
            // The coordinator's task was announced through the outbox: once it has been, nothing more may come.
            var journal = await WorkflowRecords.ReadWhenAsync(portal.Portal.DataFolder, id!, title, Coordinator,
                r => r.TasksAssignedToCoordinator > 0 && r.EscalationNotices >= _overdueStages, "the coordinator's task to be announced");
            Assert.Empty(journal.Repeated);
            Assert.Equal(_escalations, journal.Escalations);
            Assert.Equal(_overdueStages, journal.OverdueStages);
            Assert.Equal(_overdueStages, journal.EscalationNotices);
            Assert.Equal(1, journal.TasksAssignedToCoordinator);
        }

        // On a phone the workflow and publication pages fit the screen (and pass axe there too, as every page the journey
        // opens does): the coordinator's inbox, instances, definitions, the publications and their pipeline, the author's
        // publication, and the public catalogue with the publication's public page.
        var tooWide = new List<string>();
        await coordinator.Page.SetViewportSizeAsync(PhoneWidth, 844);
        foreach (var path in new[] { "/workflows/tasks", "/workflows/instances", "/workflows/definitions", "/publications", "/publications/pipeline" })
        {
            await PortalPages.OpenAsync(coordinator.Page, path);
            await Expect(coordinator.Page.Locator("h1").First).ToBeVisibleAsync();
            if (await PhoneScreen.SticksOutAsync(coordinator.Page) is { } wide)
            {
                tooWide.Add(wide);
            }
        }
        await author.SetViewportSizeAsync(PhoneWidth, 844);
        await PortalPages.OpenAsync(author, $"/publications/{id}");
        await Expect(author.Locator("[data-state=Published]").First).ToBeVisibleAsync();
        if (await PhoneScreen.SticksOutAsync(author) is { } publicationTooWide)
        {
            tooWide.Add(publicationTooWide);
        }
        await reader.SetViewportSizeAsync(PhoneWidth, 844);
        foreach (var path in new[] { "/catalogue", publicPage })
        {
            await PortalPages.OpenAsync(reader, path);
            await Expect(reader.Locator("h1").First).ToBeVisibleAsync();
            if (await PhoneScreen.SticksOutAsync(reader) is { } wide)
            {
                tooWide.Add(wide);
            }
        }
        Assert.Empty(tooWide);

        // A reader on the phone narrows the catalogue with its filters, by keyboard: the op-ed is among the op-eds of
        // its language, and the press releases do not list it.
        await PortalPages.OpenAsync(reader, "/catalogue");
        var type = reader.GetByLabel("Type");
        await type.FocusAsync();
        await type.SelectOptionAsync("OpEd");
        await reader.GetByLabel("Language").SelectOptionAsync("en");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show" }).PressAsync("Enter");
        await Expect(reader).ToHaveURLAsync(new Regex(@"[?&]type=OpEd&.*language=en"));
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        Assert.Null(await PhoneScreen.SticksOutAsync(reader));
        await reader.GetByLabel("Type").SelectOptionAsync("PressRelease");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show" }).PressAsync("Enter");
        await Expect(reader).ToHaveURLAsync(new Regex(@"[?&]type=PressRelease(&|$)"));
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
    });

    private const int PhoneWidth = 390;

    /// <summary>The stage the coordinator adds to the default definition: the authors sign the final text off.</summary>
    private static readonly (string En, string Sq, string Sr) SignOff = ("Authors' sign-off", "Miratimi përfundimtar i autorëve", "Konačno odobrenje autora");

    /// <summary>
    /// The coordinator opens the default definition for publications in the definitions page, edits it as a new version,
    /// adds a stage at its end (the authors approve, named in each language) and publishes it.
    /// </summary>
    private static async Task AddAnAuthorsSignOffToTheDefaultDefinitionAsync(IPage page)
    {
        await PortalPages.OpenAsync(page, "/workflows/definitions");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        var row = page.Locator("tr", new() { Has = page.Locator("code", new() { HasTextString = DefaultDefinition }) });
        var editor = page.Locator("[data-test=definition-editor]");
        var stages = editor.Locator("[data-test=editor-stage]");
        // The open definition's "Edit as a new version" puts its stages in the editor.
        await UntilShown.ClickAsync(row.GetByRole(AriaRole.Button, new() { Name = "Open" }),
            page.GetByRole(AriaRole.Button, new() { Name = "Edit as a new version" }), "the default definition opened");
        await UntilShown.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Edit as a new version" }),
            editor.Locator("[data-test=editor-stage][data-stage-id=cross-partner]"), "the default definition in the editor");
        var before = await stages.CountAsync();
        // The outer list's "Add a stage" comes after every stage (a nested list's would come before it).
        await editor.Locator("[data-test=editor-add-stage]").Last.ClickAsync();
        await Expect(stages).ToHaveCountAsync(before + 1);
        var added = stages.Last;
        await added.GetByLabel("Name in English", new() { Exact = true }).FillAsync(SignOff.En);
        await added.GetByLabel("Name in Albanian", new() { Exact = true }).FillAsync(SignOff.Sq);
        await added.GetByLabel("Name in Serbian", new() { Exact = true }).FillAsync(SignOff.Sr);
        await MudChoices.PickAsync(page, added.Locator(".mud-select", new() { HasText = "Who approves" }).First, "The authors", "who approves the added stage", exact: true);
        await editor.Locator("[data-test=editor-publish]").ClickAsync();
        await Expect(page.GetByText($"Published {DefaultDefinition}, version 2.")).ToBeVisibleAsync();
        await PortalPages.ReadyAsync(page);
    }

    private const string DefaultDefinition = "publications.joint-review";

    /// <summary>The timeline's entries read in <paramref name="culture"/>, each at the reader's clock's time in <paramref name="zone"/>.</summary>
    private static async Task TimelineReadsInAsync(IPage page, string word, string culture, string zone)
    {
        var entry = page.Locator("ol.workflow-journal > li", new() { HasTextString = word }).First;
        await Expect(entry).ToBeVisibleAsync();
        var time = entry.Locator("time");
        var utc = DateTime.Parse(await time.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.NotEqual(utc, local);
        // The portal writes Albanian times on the 24-hour clock Kosovo uses (PortalCultureFormats): "2.12.2026 13:49".
        var formats = System.Globalization.CultureInfo.GetCultureInfo(culture);
        await Expect(time).ToHaveTextAsync(local.ToString(formats.DateTimeFormat.ShortDatePattern + " HH:mm", formats));
    }

    /// <summary>The demo users' time zone (nobody chose another): an hour or two ahead of UTC, the machine's.</summary>
    private const string UserTimeZone = "Europe/Belgrade";

    private int _escalations;
    private int _overdueStages;

    /// <summary>
    /// Restarts the portal while the four people's pages are open, and checks that each page comes back by itself
    /// (reloaded once the new process rejects its old circuit: same address, still signed in, interactive) and shows
    /// what was there before, once: the decisions in the timeline, the open tasks in the inboxes, the escalations.
    /// </summary>
    private async Task TheRestartLosesNothingAsync(string publicationId, string title, IPage author, IPage serbia, IPage kosovo, IPage coordinator)
    {
        var pages = new[] { author, serbia, kosovo, coordinator };
        var addresses = pages.Select(p => p.Url).ToList();
        var before = await WorkflowRecords.ReadAsync(portal.Portal.DataFolder, publicationId, title, Coordinator);
        // Each page is loaded anew by itself once the new process rejects its old circuit (it cannot know it).
        var reloaded = pages.Select(page =>
        {
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Load += (_, _) => loaded.TrySetResult();
            return loaded.Task;
        }).ToList();
        var took = System.Diagnostics.Stopwatch.StartNew();
        var restart = await portal.Portal.RestartAsync();
        try
        {
            // Blazor retries every 5 s for the first minute, then every 30 s: each page sees the new process by then.
            await Task.WhenAll(reloaded).WaitAsync(TimeSpan.FromSeconds(150));
        }
        catch (TimeoutException)
        {
            var states = new List<string>();
            foreach (var (page, index) in pages.Select((p, i) => (p, i)))
            {
                var dialog = await page.EvaluateAsync<string?>("() => document.getElementById('components-reconnect-modal')?.className ?? null").WaitAsync(TimeSpan.FromSeconds(10));
                states.Add($"page {index} ({page.Url}): {(reloaded[index].IsCompleted ? "reloaded" : "not reloaded")}, dialog '{dialog}'");
            }
            throw new TimeoutException($"Not every page came back by itself after the restart: {string.Join("; ", states)}");
        }
        foreach (var (page, address) in pages.Zip(addresses))
        {
            await PortalPages.ReadyAsync(page);
            Assert.Equal(address, page.Url);
        }
        output.WriteLine($"The portal stopped in {restart.Stopping.TotalSeconds:0.0} s (exit code {restart.ExitCode}) and was ready again " +
                         $"{restart.Away.TotalSeconds:0} s after the signal; every page was back {took.Elapsed.TotalSeconds:0} s after it.");
        if (restart.Stopping > TimeSpan.FromSeconds(10))
        {
            output.WriteLine(portal.Portal.Describe(200)); // what the stop waited for
        }
        // A deploy's stop ends cleanly: Hangfire's part of it is bounded (BackgroundJobsRegistration), so exit 134 after the
        // host's 30 s, as seen before that bound, is a failure.
        Assert.True(restart.ExitCode == 0,
            $"The graceful stop ended with exit code {restart.ExitCode} after {restart.Stopping.TotalSeconds:0.0} s.\n{portal.Portal.Describe(120)}");

        // Nothing lost: the author's publication is still in approval; the Serbian lead's inbox shows her open task
        // (the resubmission's, which the page had not shown before), the Kosovo lead's shows none for it.
        await Expect(author.Locator("[data-state=InApproval]").First).ToBeVisibleAsync();
        await Expect(TaskInbox.Cards(serbia, title)).ToHaveCountAsync(1);
        await Expect(TaskInbox.Cards(kosovo, title)).ToHaveCountAsync(0);

        // Nothing done twice: the journal and the coordinator's notifications are as they were, each step once, and
        // her open timeline shows each entry of the journal once.
        // The escalations' notifications come through the outbox, each a moment after its journal entry.
        var after = await WorkflowRecords.ReadWhenAsync(portal.Portal.DataFolder, publicationId, title, Coordinator,
            r => r.EscalationNotices >= r.OverdueStages, "the escalations' notifications");
        Assert.Empty(after.Repeated);
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal(2, after.Approvals);
        Assert.Equal(1, after.ChangesRequested);
        // Each overdue task escalates in the journal; the coordinator hears once per overdue stage (the cross-partner
        // review's leads fall due together, so one notice for all of them).
        Assert.Equal(after.OverdueStages, after.EscalationNotices);
        _escalations = after.Escalations;
        _overdueStages = after.OverdueStages;
        if (LetsDeadlinesPass)
        {
            Assert.True(after.Escalations > 1, $"Only {after.Escalations} escalation(s) were recorded before the restart; the cross-partner review has a task per lead.");
            Assert.Equal(1, after.OverdueStages);
            await Expect(coordinator.Locator("ol.workflow-journal > li")).ToHaveCountAsync(after.ShownEntries);
        }
    }

    private const string Coordinator = "coordinator@demo.portal";

    /// <summary>
    /// Whether the coordinator first adds a stage to the default definition and publishes its version 2, which the
    /// journey then runs (on SQLite, whose portal no other test submits publications to).
    /// </summary>
    protected virtual bool AddsAStage => false;

    /// <summary>Whether the journey restarts its portal in the middle (on SQLite, where the test reads the portal's database).</summary>
    protected virtual bool RestartsThePortal => false;

    /// <summary>
    /// Whether the journey lets the cross-partner review's deadline pass (on SQLite only: the suite's time goes to
    /// browser tests, and the engine's timers are proven on both databases by the integration tests).
    /// </summary>
    protected virtual bool LetsDeadlinesPass => false;

    private Task<SignedInPerson> SignedInContextAsync(string email, bool twoFactor = false) => SignedInPerson.StartAsync(portal, email, twoFactor);

    private static Task DecideAsync(IPage page, string title, string decision, string? comment = null, bool showsTimeline = false, bool inPlace = false)
        => TaskInbox.DecideAsync(page, title, approve: decision == "Approve", comment, showsTimeline, inPlace);
}

/// <summary>The journey on the default set-up: SQLite and blobs in the file system.</summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class PublicationJourneyTests(PortalInBrowser portal, ITestOutputHelper output) : PublicationJourney(portal, output)
{
    protected override bool AddsAStage => true;

    protected override bool LetsDeadlinesPass => true;

    protected override bool RestartsThePortal => true;
}

/// <summary>Time passing for a running workflow, in the SQLite portal's own database.</summary>
internal static class DeadlinePasses
{
    /// <summary>
    /// Once the publication's cross-partner review has its open tasks (the resubmission reaches the workflow through
    /// the outbox), makes each of them due a minute ago and its reminder a day before, and the instance's next timer
    /// with them: what five working days without a decision leave behind. The engine itself decides what that means.
    /// </summary>
    public static async Task OnCrossPartnerReviewAsync(string dataFolder, string publicationId)
    {
        await using var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataFolder, "portal.db")}");
        await database.OpenAsync();
        const string OpenTasks = """
            FROM WorkflowsTasks WHERE Status = 'Open' AND StageId = 'cross-partner'
              AND InstanceId IN (SELECT Id FROM WorkflowsInstances WHERE upper(SubjectId) = upper($subject) AND RunningKey IS NOT NULL)
            """;
        await Eventually.TrueAsync(async () => Convert.ToInt64(await ScalarAsync(database, "SELECT count(*) " + OpenTasks, publicationId), System.Globalization.CultureInfo.InvariantCulture) > 0,
            "the cross-partner review's tasks after the resubmission", TimeSpan.FromSeconds(60));
        // EF Core keeps a DateTime in SQLite as this text, and compares the texts.
        static string Stored(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow;
        await ScalarAsync(database, $"""
            UPDATE WorkflowsTasks SET DueAtUtc = '{Stored(now.AddMinutes(-1))}', RemindAtUtc = '{Stored(now.AddDays(-1))}'
            WHERE Id IN (SELECT Id {OpenTasks});
            UPDATE WorkflowsInstances SET NextTimerAtUtc = '{Stored(now.AddDays(-1))}'
            WHERE upper(SubjectId) = upper($subject) AND RunningKey IS NOT NULL;
            """, publicationId);
    }

    private static async Task<object?> ScalarAsync(Microsoft.Data.Sqlite.SqliteConnection database, string sql, string subject)
    {
        await using var command = database.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$subject", subject);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>The same journey as production runs: PostgreSQL and Azure Blob Storage (Azurite).</summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed class PublicationJourneyOnPostgreSqlTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output) : PublicationJourney(portal, output);

/// <summary>What the SQLite portal's database says a publication's workflow did: each step, and what it told the coordinator.</summary>
internal sealed record WorkflowRecords(
    int Entries, int ShownEntries, int Approvals, int ChangesRequested, int Escalations, int OverdueStages, int EscalationNotices,
    int TasksAssignedToCoordinator, IReadOnlyList<string> Repeated)
{
    /// <summary>Reads the records until <paramref name="settled"/> holds (what the outbox still has to deliver).</summary>
    public static async Task<WorkflowRecords> ReadWhenAsync(string dataFolder, string publicationId, string title, string coordinatorEmail,
        Func<WorkflowRecords, bool> settled, string what)
    {
        WorkflowRecords? read = null;
        await Eventually.TrueAsync(async () => settled(read = await ReadAsync(dataFolder, publicationId, title, coordinatorEmail)), what, TimeSpan.FromSeconds(60));
        return read!;
    }

    public static async Task<WorkflowRecords> ReadAsync(string dataFolder, string publicationId, string title, string coordinatorEmail)
    {
        await using var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataFolder, "portal.db")}");
        await database.OpenAsync();
        const string Journal = "FROM WorkflowsJournalEntries WHERE InstanceId IN (SELECT Id FROM WorkflowsInstances WHERE upper(SubjectId) = upper($subject))";
        async Task<int> CountAsync(string sql)
        {
            await using var command = database.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$subject", publicationId);
            command.Parameters.AddWithValue("$title", title);
            command.Parameters.AddWithValue("$coordinator", coordinatorEmail.ToUpperInvariant());
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        // A notification to the coordinator about this publication (its parameters name the subject by its title).
        const string Notices = """
            FROM NotificationsInbox WHERE instr(ParametersJson, $title) > 0
              AND upper(RecipientId) IN (SELECT upper(Id) FROM IdentityUsers WHERE NormalizedEmail = $coordinator) AND Type =
            """;
        var repeated = new List<string>();
        await using (var command = database.CreateCommand())
        {
            // A task's steps (opened, decided, reminded, escalated, closed) each happen once per task.
            command.CommandText = $"SELECT Kind || ' ' || TaskId || ' x' || count(*) {Journal} AND TaskId IS NOT NULL GROUP BY InstanceId, TaskId, Kind HAVING count(*) > 1";
            command.Parameters.AddWithValue("$subject", publicationId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                repeated.Add(reader.GetString(0));
            }
        }
        return new WorkflowRecords(
            await CountAsync("SELECT count(*) " + Journal),
            await CountAsync("SELECT count(*) " + Journal + " AND Kind NOT IN ('TaskClosed', 'StageEntered')"),
            await CountAsync("SELECT count(*) " + Journal + " AND Kind = 'Approved'"),
            await CountAsync("SELECT count(*) " + Journal + " AND Kind = 'ChangesRequested'"),
            await CountAsync("SELECT count(*) " + Journal + " AND Kind = 'Escalated'"),
            // The escalations that tell the coordinator, one per stage and firing (the tasks a run escalates share its time).
            await CountAsync("SELECT count(*) FROM (SELECT DISTINCT StageId, AtUtc " + Journal + " AND Kind = 'Escalated' AND Detail = 'NotifyCoordinator')"),
            await CountAsync("SELECT count(*) " + Notices + " 'workflows.task-escalated'"),
            await CountAsync("SELECT count(*) " + Notices + " 'workflows.task-assigned'"),
            repeated);
    }
}
