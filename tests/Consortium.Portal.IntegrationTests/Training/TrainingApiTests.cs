using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Training;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Public;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>The training library's API, its publishing journey and the public library, on both databases.</summary>
public abstract class TrainingApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : TrainingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Api = TrainingPaths.Api;

    private sealed record Team(Person Trainer, Person Lead, Person Coordinator, Guid WorkspaceId);

    /// <summary>A trainer of KCSS, Editor of a workspace; the lead of KCSS; a coordinator.</summary>
    private Team NewTeam()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        var lead = portal.NewPerson("Lirie Berisha", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Dragana Petrović", ConsortiumPartners.Bcsp, PortalRoles.Coordinator);
        return new Team(trainer, lead, coordinator, portal.Workspaces.New((trainer.Id, WorkspaceRole.Editor)));
    }

    private static MaterialDetails Details(string title, string language = "en", string topic = "rule of law", Audience audience = Audience.Media, int activity = 10)
        => new(title, "For the journalists' seminar.", [topic, "security"], [audience], language, MaterialLevel.Introductory, 90,
            [ConsortiumPartners.Kcss.Id], "CC BY 4.0", activity);

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..Math.Min(text.Length + 9, 200)];

    private static async Task<MaterialDto> CreateLinkAsync(Person person, MaterialDetails details, MaterialKind kind = MaterialKind.Link)
        => await (await person.Client.PostAsJsonAsync($"{Api}/materials", new CreateMaterialRequest(kind, "https://example.org/" + Guid.NewGuid(), null, details), DocumentsClient.Json))
            .ReadAsync<MaterialDto>(HttpStatusCode.Created);

    private static async Task<MaterialDto> CreateFileAsync(Team team, MaterialDetails details, string text)
    {
        var created = await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials", new CreateMaterialRequest(MaterialKind.File, null, team.WorkspaceId, details), DocumentsClient.Json))
            .ReadAsync<MaterialDto>(HttpStatusCode.Created);
        return await UploadAsync(team.Trainer, created.Material.Id, "handout.md", text);
    }

    private static async Task<MaterialDto> UploadAsync(Person person, Guid id, string name, string text)
        => await (await person.Client.PutAsync($"{Api}/materials/{id}/file", DocumentsClient.Body(name, Encoding.UTF8.GetBytes(text)))).ReadAsync<MaterialDto>();

    private async Task<WorkflowInstanceDto> WorkflowAsync(Guid materialId)
    {
        await using var scope = portal.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflows>().FindForSubjectAsync(TrainingConsts.SubjectType, materialId))!;
    }

    private async Task ApproveAsync(Person person, Guid materialId)
    {
        var task = (await WorkflowAsync(materialId)).OpenTasks.Single(t => t.AssigneeId == person.Id);
        var response = await person.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision", new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await portal.DeliverAsync();
    }

    private async Task PublishAsync(Team team, Guid materialId)
    {
        Assert.Equal(HttpStatusCode.OK, (await team.Trainer.Client.PostAsync($"{Api}/materials/{materialId}/submit", null)).StatusCode);
        await ApproveAsync(team.Lead, materialId);
        await ApproveAsync(team.Coordinator, materialId);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_material_is_consortium_only_when_made_and_is_found_by_its_filters()
    {
        var team = NewTeam();
        var topic = Unique("dialogue");
        var made = await CreateLinkAsync(team.Trainer, Details("Reporting fairly on the dialogue", "sq", topic, Audience.Youth, 8));

        Assert.Equal(MaterialVisibility.Consortium, made.Material.Visibility);
        Assert.True(made.CanEdit);
        var reader = portal.NewPerson("Marko Ilić", ConsortiumPartners.Bfpe);
        var page = await (await reader.Client.GetAsync($"{Api}/materials?topic={Uri.EscapeDataString(topic)}&audience=Youth&language=sq&partner={ConsortiumPartners.Kcss.Id}&activity=8"))
            .ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.Equal(made.Material.Id, Assert.Single(page.Items).Id);
        var other = await (await reader.Client.GetAsync($"{Api}/materials?topic={Uri.EscapeDataString(topic)}&language=en")).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.Empty(other.Items);
        Assert.False((await (await reader.Client.GetAsync($"{Api}/materials/{made.Material.Id}")).ReadAsync<MaterialDto>()).CanEdit);
    }

    [Fact]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_made()
    {
        var team = NewTeam();
        var title = Unique("Refused");
        var bad = new CreateMaterialRequest(MaterialKind.Link, "javascript:alert(1)", null,
            new MaterialDetails(title, null, [], [], "de", null, -5, [], "", 12));

        var problem = await ProblemAsync(await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials", bad, DocumentsClient.Json), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "url", "details.audiences", "details.language", "details.level", "details.durationMinutes", "details.authoringPartnerIds", "details.licence", "details.activity" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var page = await (await team.Trainer.Client.GetAsync($"{Api}/materials?pageSize=100")).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.DoesNotContain(page.Items, m => m.Title == title);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.Trainer.Client.GetAsync($"{Api}/materials?language=xx")).StatusCode);

        // An authoring partner must be one of the directory's partners.
        var unknownPartner = new CreateMaterialRequest(MaterialKind.Link, "https://example.org/guide", null,
            Details(title) with { AuthoringPartnerIds = [ConsortiumPartners.Kcss.Id, Guid.NewGuid()] });
        var refused = await ProblemAsync(await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials", unknownPartner, DocumentsClient.Json), HttpStatusCode.BadRequest);
        Assert.Equal(["details.authoringPartnerIds"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        page = await (await team.Trainer.Client.GetAsync($"{Api}/materials?pageSize=100")).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.DoesNotContain(page.Items, m => m.Title == title);
    }

    [Fact]
    public async Task A_file_goes_to_the_workspace_through_documents_and_each_upload_is_a_new_version_with_a_preview()
    {
        var team = NewTeam();
        var made = await CreateFileAsync(team, Details(Unique("Handout")), "# Rule of law\nFirst text.");

        Assert.NotNull(made.DocumentId);
        Assert.Contains("First text.", made.PreviewText);
        var second = await UploadAsync(team.Trainer, made.Material.Id, "handout.md", "# Rule of law\nSecond text.");
        Assert.Equal([2, 1], second.Versions.Select(v => v.Number));
        Assert.Contains("Second text.", second.PreviewText);
        Assert.Equal(made.DocumentId, second.DocumentId);

        var refused = await team.Trainer.Client.PutAsync($"{Api}/materials/{made.Material.Id}/file", DocumentsClient.Body("tool.exe", [1, 2, 3]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(2, (await (await team.Trainer.Client.GetAsync($"{Api}/materials/{made.Material.Id}")).ReadAsync<MaterialDto>()).Versions.Count);

        // A body announcing more than the Documents module's limit is refused before it is read.
        var limit = portal.App.Services.GetRequiredService<IOptions<DocumentsOptions>>().Value.MaxUploadBytes;
        var tooBig = new CountingTextBody(limit + 1);
        var announced = new StreamContent(tooBig);
        announced.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        announced.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "handout.md" };
        announced.Headers.ContentLength = tooBig.Length;
        var tooLarge = await ProblemAsync(await team.Trainer.Client.PutAsync($"{Api}/materials/{made.Material.Id}/file", announced), HttpStatusCode.BadRequest);
        Assert.Equal(UploadRefusals.TooLarge, tooLarge.GetProperty("code").GetString());
        Assert.True(tooBig.BytesRead < Math.Min(limit, 1024 * 1024) / 2, $"{tooBig.BytesRead} bytes of the body were read before the refusal");
        Assert.Equal(2, (await (await team.Trainer.Client.GetAsync($"{Api}/materials/{made.Material.Id}")).ReadAsync<MaterialDto>()).Versions.Count);

        var outsider = portal.NewPerson("Stranger", ConsortiumPartners.Bfpe);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Client.PutAsync($"{Api}/materials/{made.Material.Id}/file", DocumentsClient.Body("x.md", "x"u8.ToArray()))).StatusCode);
        var elsewhere = await outsider.Client.PostAsJsonAsync($"{Api}/materials", new CreateMaterialRequest(MaterialKind.File, null, team.WorkspaceId, Details(Unique("No"))), DocumentsClient.Json);
        Assert.True((await ProblemAsync(elsewhere, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("workspaceId", out _));
    }

    [Fact]
    public async Task Downloads_are_counted_per_month_and_most_used_sorts_first()
    {
        var team = NewTeam();
        var topic = Unique("counted");
        var quiet = await CreateFileAsync(team, Details(Unique("Quiet"), topic: topic), "quiet");
        var busy = await CreateFileAsync(team, Details(Unique("Busy"), topic: topic), "busy");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("busy", await team.Trainer.Client.GetStringAsync(TrainingPaths.MaterialFile(busy.Material.Id)));
        }

        var read = await (await team.Trainer.Client.GetAsync($"{Api}/materials/{busy.Material.Id}")).ReadAsync<MaterialDto>();
        var now = portal.Clock.GetUtcNow();
        Assert.Equal(new MonthlyDownloadsDto(now.Year, now.Month, 3), Assert.Single(read.Downloads));
        var sorted = await (await team.Trainer.Client.GetAsync($"{Api}/materials?topic={Uri.EscapeDataString(topic)}&sort=MostUsed")).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.Equal([busy.Material.Id, quiet.Material.Id], sorted.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task A_kept_list_page_is_dropped_by_a_saved_material()
    {
        var team = NewTeam();
        var topic = Unique("kept list");
        var list = $"{Api}/materials?topic={Uri.EscapeDataString(topic)}";
        var first = await CreateLinkAsync(team.Trainer, Details(Unique("First"), topic: topic));
        Assert.Equal([first.Material.Id], (await (await team.Trainer.Client.GetAsync(list)).ReadAsync<PagedResult<MaterialSummaryDto>>()).Items.Select(m => m.Id));

        var second = await CreateLinkAsync(team.Trainer, Details(Unique("Second"), topic: topic));
        var other = portal.NewPerson("Jelena Marković", ConsortiumPartners.Bcsp);
        // Another member reads the same kept page: it already has the new material.
        Assert.Equal([first.Material.Id, second.Material.Id], (await (await other.Client.GetAsync(list)).ReadAsync<PagedResult<MaterialSummaryDto>>()).Items.Select(m => m.Id).Order());
    }

    /// <summary>
    /// Issue 14's browse (three filters, signed in) pinned by its SQL: a page not kept costs two statements (the count
    /// and the page, each one query over the indexes), a kept one none at all. Counted from EF's own diagnostics, by the
    /// test's unique topic among the commands' parameters (other classes run in parallel in this process).
    /// </summary>
    [Fact]
    public async Task The_three_filter_browse_is_two_statements_and_a_kept_page_none()
    {
        var team = NewTeam();
        var topic = Unique("statement count");
        await CreateLinkAsync(team.Trainer, Details(Unique("Counted"), "sq", topic, Audience.Media, 10));
        var browse = $"{Api}/materials?language=sq&audience=Media&activity=10&topic={Uri.EscapeDataString(topic)}";
        using var commands = new TopicCommands(topic);

        var first = await (await team.Trainer.Client.GetAsync(browse)).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.Single(first.Items);
        Assert.Equal(2, commands.Count);
        var second = await (await team.Lead.Client.GetAsync(browse)).ReadAsync<PagedResult<MaterialSummaryDto>>();
        Assert.Single(second.Items);
        Assert.Equal(2, commands.Count);
    }

    /// <summary>EF commands run in this process whose parameters include <c>value</c>.</summary>
    private sealed class TopicCommands : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _value;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public TopicCommands(string value)
        {
            _value = value;
            _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(System.Diagnostics.DiagnosticListener listener)
        {
            if (listener.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name
                && e.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data
                && data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => p.Value is string v && v.Contains(_value, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    /// <summary>
    /// The decision on counts and kept pages: a download (here an opened link) is counted by an update of its own, which
    /// leaves the library's kept answers alone; the most-used list is never kept (it has a query), so it shows the count
    /// at once, and says that readers' own copies may be up to the public cache lifetime behind.
    /// </summary>
    [Fact]
    public async Task A_public_use_is_counted_at_once_in_the_most_used_list_without_dropping_the_kept_pages()
    {
        var team = NewTeam();
        var topic = Unique("counted publicly");
        var hiddenTopic = Unique("consortium topic");
        var one = await CreateLinkAsync(team.Trainer, Details(Unique("One link"), topic: topic));
        var another = await CreateLinkAsync(team.Trainer, Details(Unique("Another link"), topic: topic));
        await CreateLinkAsync(team.Trainer, Details(Unique("Not published"), topic: hiddenTopic));
        await PublishAsync(team, one.Material.Id);
        await PublishAsync(team, another.Material.Id);
        var anonymous = portal.Anonymous();
        var mostUsed = $"{PublicLibraryPaths.List}?topic={Uri.EscapeDataString(topic)}&sort=MostUsed";

        var before = WebUtility.HtmlDecode(await anonymous.GetStringAsync(mostUsed));
        Assert.Contains(one.Material.Title, before);
        Assert.Contains(another.Material.Title, before);
        // Unused, both rank as the clock made them; the one listed second is the one opened.
        var (leading, opened) = before.IndexOf(one.Material.Title, StringComparison.Ordinal) < before.IndexOf(another.Material.Title, StringComparison.Ordinal)
            ? (one, another) : (another, one);
        // The topic filter offers the public materials' topics, read by the database, and nothing of the consortium's.
        Assert.Contains($"<option value=\"{topic}\"", before);
        Assert.DoesNotContain(hiddenTopic, before);
        // A probe kept under the library's tag tells whether anything dropped the kept answers.
        var cache = portal.App.Services.GetRequiredService<PortalCache>();
        var probe = Guid.NewGuid();
        await cache.GetOrReadAsync(probe, PublicLibrary.CacheTag, TimeSpan.FromHours(1), (_, _) => Task.FromResult("kept"));

        var redirect = await anonymous.GetAsync(PublicLibraryPaths.Download(opened.Material.Slug));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(opened.Url, redirect.Headers.Location?.ToString());

        var after = await anonymous.GetAsync(mostUsed);
        var afterPage = WebUtility.HtmlDecode(await after.Content.ReadAsStringAsync());
        Assert.True(afterPage.IndexOf(opened.Material.Title, StringComparison.Ordinal) < afterPage.IndexOf(leading.Material.Title, StringComparison.Ordinal));
        var lifetime = portal.App.Services.GetRequiredService<IOptions<TrainingOptions>>().Value.PublicCacheLifetime;
        Assert.Equal(lifetime, after.Headers.CacheControl?.MaxAge);
        Assert.Contains($"may take up to {(int)Math.Ceiling(lifetime.TotalMinutes)} min to count here", afterPage);
        Assert.Equal(1, (await (await team.Trainer.Client.GetAsync($"{Api}/materials/{opened.Material.Id}")).ReadAsync<MaterialDto>()).Material.DownloadCount);
        // The kept answers (newest first, no counts) are still answered: the count did not drop them.
        Assert.Equal("kept", await cache.GetOrReadAsync(probe, PublicLibrary.CacheTag, TimeSpan.FromHours(1), (_, _) => Task.FromResult("read again")));
    }

    /// <summary>
    /// A filtered public list of values the library offers (a listed topic, newest first, an early page) is kept like the
    /// unfiltered one, under its filter however the query orders it, until a save the library hears of drops it. A
    /// visitor's own text (a topic spelled otherwise) and a most-used order are read each time, so no one fills the cache
    /// with pages of made-up filters. Counted by the SQL each request runs: a kept page runs none.
    /// </summary>
    [Fact]
    public async Task A_filtered_public_list_of_offered_values_is_kept_until_a_save_and_a_made_up_filter_is_read_each_time()
    {
        var team = NewTeam();
        var topic = Unique("kept publicly");
        var listed = await CreateLinkAsync(team.Trainer, Details(Unique("Listed"), topic: topic));
        await PublishAsync(team, listed.Material.Id);
        var anonymous = portal.Anonymous();
        using var sql = new SqlStatements();
        async Task<(string Page, int Statements)> ReadAsync(string query)
        {
            sql.Clear();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicLibraryPaths.List}?{query}");
            request.Headers.Add("traceparent", sql.TraceParent);
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), sql.Run.Count);
        }
        var escaped = Uri.EscapeDataString(topic);

        var first = await ReadAsync($"language=en&topic={escaped}");
        Assert.Contains(listed.Material.Title, first.Page);
        Assert.NotEqual(0, first.Statements);
        var again = await ReadAsync($"topic={escaped}&language=en");
        Assert.Equal(first.Page, again.Page);
        Assert.Equal(0, again.Statements);

        var madeUp = $"topic={Uri.EscapeDataString(topic.ToUpperInvariant())}";
        await ReadAsync(madeUp);
        Assert.NotEqual(0, (await ReadAsync(madeUp)).Statements);
        await ReadAsync($"topic={escaped}&sort=MostUsed");
        Assert.NotEqual(0, (await ReadAsync($"topic={escaped}&sort=MostUsed")).Statements);

        // A saved material drops the kept pages: the filtered list is read again, with the new one.
        var added = await CreateLinkAsync(team.Trainer, Details(Unique("Added"), topic: topic));
        await PublishAsync(team, added.Material.Id);
        var afterSave = await ReadAsync($"language=en&topic={escaped}");
        Assert.NotEqual(0, afterSave.Statements);
        Assert.Contains(added.Material.Title, afterSave.Page);
    }

    [Fact]
    public async Task Translations_form_one_group_with_one_material_per_language_and_same_language_or_cycles_are_refused()
    {
        var team = NewTeam();
        var english = await CreateLinkAsync(team.Trainer, Details(Unique("Seminar pack"), "en"));
        var albanian = await CreateLinkAsync(team.Trainer, Details(Unique("Paketa e seminarit"), "sq"));
        var serbian = await CreateLinkAsync(team.Trainer, Details(Unique("Seminarski paket"), "sr-Cyrl"));
        var anotherEnglish = await CreateLinkAsync(team.Trainer, Details(Unique("Seminar pack, again"), "en"));

        var linked = await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{albanian.Material.Id}/translations", new LinkTranslationRequest(english.Material.Id), DocumentsClient.Json)).ReadAsync<MaterialDto>();
        Assert.Equal("en", Assert.Single(linked.Translations).Language);
        await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{serbian.Material.Id}/translations", new LinkTranslationRequest(albanian.Material.Id), DocumentsClient.Json)).ReadAsync<MaterialDto>();
        var read = await (await team.Trainer.Client.GetAsync($"{Api}/materials/{english.Material.Id}")).ReadAsync<MaterialDto>();
        Assert.Equal(["sq", "sr-Cyrl"], read.Translations.Select(t => t.Language));

        var cycle = await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{english.Material.Id}/translations", new LinkTranslationRequest(serbian.Material.Id), DocumentsClient.Json);
        Assert.Equal("Translation.Cycle", (await ProblemAsync(cycle, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var same = await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{anotherEnglish.Material.Id}/translations", new LinkTranslationRequest(english.Material.Id), DocumentsClient.Json);
        Assert.Equal("Translation.SameLanguage", (await ProblemAsync(same, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var taken = await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{anotherEnglish.Material.Id}/translations", new LinkTranslationRequest(albanian.Material.Id), DocumentsClient.Json);
        Assert.Equal("Translation.LanguageTaken", (await ProblemAsync(taken, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Empty((await (await team.Trainer.Client.GetAsync($"{Api}/materials/{anotherEnglish.Material.Id}")).ReadAsync<MaterialDto>()).Translations);
    }

    [Fact]
    public async Task A_requested_translation_reaches_the_authoring_partners_lead_and_a_language_it_has_is_refused()
    {
        var team = NewTeam();
        var material = await CreateLinkAsync(team.Trainer, Details(Unique("Workshop guide"), "sq"));
        var reader = portal.NewPerson("Jelena Marković", ConsortiumPartners.Yucom);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.Client.PostAsJsonAsync($"{Api}/materials/{material.Material.Id}/translation-requests",
            new RequestTranslationRequest("sr-Latn", "For the Kraljevo workshop."), DocumentsClient.Json)).StatusCode);
        var refused = await reader.Client.PostAsJsonAsync($"{Api}/materials/{material.Material.Id}/translation-requests", new RequestTranslationRequest("sq", null), DocumentsClient.Json);
        Assert.Equal("Translation.Exists", (await ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        await portal.DeliverAsync();

        // One notice of the request and its task, not two: Training's, with who asked and why, linking to the task
        // inbox; the workflow's own "your approval is asked" is not sent for it.
        var inbox = await team.Lead.Client.GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api, DocumentsClient.Json);
        var note = Assert.Single(inbox!.Items);
        Assert.Equal("training.translation-requested", note.Type);
        Assert.Equal(WorkflowsPaths.InboxPage, note.Link);
        Assert.Contains("Jelena Marković", note.Title);
        Assert.Contains("For the Kraljevo workshop.", note.Body);
        Assert.NotNull(await TranslationTaskAsync(team.Lead, material.Material.Id));
    }

    [Fact]
    public async Task Approving_a_translation_request_before_its_translation_is_linked_is_refused_and_the_request_stays_open()
    {
        var team = NewTeam();
        var english = await CreateLinkAsync(team.Trainer, Details(Unique("Source-protection checklist"), "en"));
        Assert.Equal(HttpStatusCode.NoContent, (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{english.Material.Id}/translation-requests",
            new RequestTranslationRequest("sq", null), DocumentsClient.Json)).StatusCode);
        var task = (await TranslationTaskAsync(team.Lead, english.Material.Id))!;

        var approved = await team.Lead.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision",
            new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null), DocumentsClient.Json);
        var problem = await ProblemAsync(approved, HttpStatusCode.BadRequest);
        Assert.Equal("Translation.ApproveNeedsLink", problem.GetProperty("code").GetString());
        // The refusal says what to do, naming the language (not its code).
        Assert.Contains("Albanian", problem.GetProperty("detail").GetString());
        await portal.DeliverAsync();

        // Nothing changed: the task is still the lead's, the request open (a second ask for Albanian is refused).
        Assert.NotNull(await TranslationTaskAsync(team.Lead, english.Material.Id));
        Assert.Equal(WorkflowStatus.Running, (await WorkflowOfTaskAsync(task)).Status);
        var again = await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{english.Material.Id}/translation-requests",
            new RequestTranslationRequest("sq", null), DocumentsClient.Json);
        Assert.Equal("Translation.AlreadyRequested", (await ProblemAsync(again, HttpStatusCode.BadRequest)).GetProperty("code").GetString());

        // Linking the translation is what closes it.
        var albanian = await CreateLinkAsync(team.Trainer, Details(Unique("Lista e mbrojtjes së burimeve"), "sq"));
        await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{albanian.Material.Id}/translations", new LinkTranslationRequest(english.Material.Id), DocumentsClient.Json))
            .ReadAsync<MaterialDto>();
        await portal.DeliverAsync();
        Assert.Null(await TranslationTaskAsync(team.Lead, english.Material.Id));
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
        var request = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.TranslationRequests, r => r.MaterialId == english.Material.Id);
        Assert.Equal(Consortium.Portal.Training.Domain.TranslationRequestStatus.Fulfilled, request.Status);
    }

    private static async Task<WorkflowTaskDto?> TranslationTaskAsync(Person person, Guid materialId)
    {
        var inbox = await person.Client.GetFromJsonAsync<PagedResult<WorkflowTaskDto>>($"{WorkflowsPaths.Api}/tasks/mine?pageSize=100", DocumentsClient.Json);
        return inbox!.Items.SingleOrDefault(t => t.SubjectType == TrainingConsts.TranslationRequestSubjectType && t.SubjectLink == TrainingPaths.MaterialPage(materialId));
    }

    [Fact]
    public async Task A_requested_translation_is_a_task_in_the_leads_inbox_that_linking_the_translation_closes_and_a_second_request_is_refused()
    {
        var team = NewTeam();
        var albanian = await CreateLinkAsync(team.Trainer, Details(Unique("Udhëzues i punëtorisë"), "sq"));
        var reader = portal.NewPerson("Jelena Marković", ConsortiumPartners.Yucom);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.Client.PostAsJsonAsync($"{Api}/materials/{albanian.Material.Id}/translation-requests",
            new RequestTranslationRequest("sr-Latn", "For the Kraljevo workshop."), DocumentsClient.Json)).StatusCode);
        var task = await TranslationTaskAsync(team.Lead, albanian.Material.Id);
        Assert.NotNull(task);
        Assert.Equal(TrainingConsts.TranslationRequestWorkflow, (await WorkflowOfTaskAsync(task)).DefinitionKey);
        Assert.Null(await TranslationTaskAsync(reader, albanian.Material.Id));

        // The same language while the first is open: refused by its own code, and nothing new in the inbox.
        var again = await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{albanian.Material.Id}/translation-requests",
            new RequestTranslationRequest("sr-Latn", null), DocumentsClient.Json);
        Assert.Equal("Translation.AlreadyRequested", (await ProblemAsync(again, HttpStatusCode.BadRequest)).GetProperty("code").GetString());

        // The partner's translation joins the group: the request is fulfilled and the task leaves the lead's inbox.
        var serbian = await CreateLinkAsync(team.Trainer, Details(Unique("Vodič za radionicu"), "sr-Latn"));
        await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{serbian.Material.Id}/translations", new LinkTranslationRequest(albanian.Material.Id), DocumentsClient.Json))
            .ReadAsync<MaterialDto>();
        await portal.DeliverAsync();
        Assert.Null(await TranslationTaskAsync(team.Lead, albanian.Material.Id));
        var instance = await WorkflowOfTaskAsync(task);
        Assert.NotEqual(WorkflowStatus.Running, instance.Status);
        // The note is a sentence in the linking person's language (English here), naming the language, not its code.
        Assert.Contains(instance.Journal, j => j.Comment == "A material in Serbian (Latin) was linked, so the request is done.");
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
            var request = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.TranslationRequests, r => r.MaterialId == albanian.Material.Id);
            Assert.Equal(Consortium.Portal.Training.Domain.TranslationRequestStatus.Fulfilled, request.Status);
        }
    }

    [Fact]
    public async Task A_lead_declines_a_translation_request_with_a_comment_and_the_language_may_be_asked_for_again()
    {
        var team = NewTeam();
        var english = await CreateLinkAsync(team.Trainer, Details(Unique("Fact-checking handout"), "en"));
        Assert.Equal(HttpStatusCode.NoContent, (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{english.Material.Id}/translation-requests",
            new RequestTranslationRequest("sq", null), DocumentsClient.Json)).StatusCode);
        var task = (await TranslationTaskAsync(team.Lead, english.Material.Id))!;

        var noComment = await team.Lead.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision", new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Reject, null), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        var declined = await team.Lead.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision",
            new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Reject, "No Albanian translator this year."), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await portal.DeliverAsync();

        Assert.Null(await TranslationTaskAsync(team.Lead, english.Material.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{english.Material.Id}/translation-requests",
            new RequestTranslationRequest("sq", null), DocumentsClient.Json)).StatusCode);
    }

    private async Task<WorkflowInstanceDto> WorkflowOfTaskAsync(WorkflowTaskDto task)
    {
        await using var scope = portal.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflows>().FindForSubjectAsync(task.SubjectType, task.SubjectId))!;
    }

    [Fact]
    public async Task A_stale_edit_gets_409_with_the_current_material()
    {
        var team = NewTeam();
        var material = await CreateLinkAsync(team.Trainer, Details(Unique("Stale")));
        var first = await team.Trainer.Client.PutAsJsonAsync($"{Api}/materials/{material.Material.Id}",
            new UpdateMaterialRequest(Details("First edit"), material.Url, material.ConcurrencyStamp), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await team.Trainer.Client.PutAsJsonAsync($"{Api}/materials/{material.Material.Id}",
            new UpdateMaterialRequest(Details("Second edit"), material.Url, material.ConcurrencyStamp), DocumentsClient.Json);

        var problem = await ProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal("First edit", problem.GetProperty("current").GetProperty("material").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Edits_without_the_stamp_they_read_are_field_errors_on_it_and_change_nothing()
    {
        var team = NewTeam();
        var material = await CreateLinkAsync(team.Trainer, Details(Unique("Stampless")));
        var collection = await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/collections", new CreateCollectionRequest(Unique("Stampless pack"), "Day one", [material.Material.Id]), DocumentsClient.Json))
            .ReadAsync<CollectionDto>(HttpStatusCode.Created);

        await team.Trainer.Client.AssertRefusedAsync(HttpMethod.Put, $"{Api}/materials/{material.Material.Id}", new UpdateMaterialRequest(Details("Renamed"), material.Url, material.ConcurrencyStamp));
        await team.Trainer.Client.AssertRefusedAsync(HttpMethod.Put, $"{Api}/collections/{collection.Id}", new UpdateCollectionRequest("Renamed pack", null, [], collection.ConcurrencyStamp));
        await team.Trainer.Client.AssertRefusedAsync(HttpMethod.Put, $"{Api}/collections/{collection.Id}/public", new SetCollectionPublicRequest(false, collection.ConcurrencyStamp));

        var after = await (await team.Trainer.Client.GetAsync($"{Api}/materials/{material.Material.Id}")).ReadAsync<MaterialDto>();
        Assert.Equal((material.Material.Title, material.ConcurrencyStamp), (after.Material.Title, after.ConcurrencyStamp));
        var pack = await (await team.Trainer.Client.GetAsync($"{Api}/collections/{collection.Id}")).ReadAsync<CollectionDto>();
        Assert.Equal((collection.Title, collection.Description, collection.ConcurrencyStamp), (pack.Title, pack.Description, pack.ConcurrencyStamp));
        Assert.Equal([material.Material.Id], pack.Items.Select(i => i.MaterialId));
    }

    [Fact]
    public async Task Publishing_runs_the_authoring_partners_lead_then_the_coordinator_and_only_then_the_public_library_shows_it_and_followers_hear()
    {
        var team = NewTeam();
        var topic = Unique("security");
        var follower = portal.NewPerson("Besa Hoxha", ConsortiumPartners.D4D);
        Assert.Equal(HttpStatusCode.OK, (await follower.Client.PostAsJsonAsync($"{Api}/follows", new FollowRequest(FollowKind.Topic, topic), DocumentsClient.Json)).StatusCode);
        var material = await CreateFileAsync(team, Details(Unique("Covering security"), topic: topic), "Public text of the handout.");
        var slug = material.Material.Slug;
        var anonymous = portal.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await team.Trainer.Client.PostAsync($"{Api}/materials/{material.Material.Id}/submit", null)).StatusCode);
        var running = await WorkflowAsync(material.Material.Id);
        Assert.Contains(team.Lead.Id, running.OpenTasks.Select(t => t.AssigneeId));
        Assert.DoesNotContain(team.Coordinator.Id, running.OpenTasks.Select(t => t.AssigneeId));
        await ApproveAsync(team.Lead, material.Material.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PublicLibraryPaths.Material(slug))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PublicLibraryPaths.Download(slug))).StatusCode);
        Assert.Contains(team.Coordinator.Id, (await WorkflowAsync(material.Material.Id)).OpenTasks.Select(t => t.AssigneeId));
        await ApproveAsync(team.Coordinator, material.Material.Id);

        var published = await (await team.Trainer.Client.GetAsync($"{Api}/materials/{material.Material.Id}")).ReadAsync<MaterialDto>();
        Assert.Equal(MaterialVisibility.Public, published.Material.Visibility);
        var page = await anonymous.GetStringAsync(PublicLibraryPaths.Material(slug));
        Assert.Contains(material.Material.Title, page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Public text of the handout.", await anonymous.GetStringAsync(PublicLibraryPaths.Download(slug)));
        Assert.Contains(material.Material.Title, await anonymous.GetStringAsync(PublicLibraryPaths.List + "?topic=" + Uri.EscapeDataString(topic)));

        var inbox = await follower.Client.GetFromJsonAsync<NotificationPageDto>($"{NotificationsPaths.Api}?type=training.material-published", DocumentsClient.Json);
        Assert.Equal(TrainingPaths.MaterialPage(material.Material.Id), Assert.Single(inbox!.Items).Link);
    }

    [Fact]
    public async Task The_public_list_is_paged_with_links_that_keep_the_filters()
    {
        var team = NewTeam();
        var topic = Unique("paging");
        var titles = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var material = await CreateLinkAsync(team.Trainer, Details(Unique($"Paged handout {i}"), "sq", topic));
            await PublishAsync(team, material.Material.Id);
            titles.Add(material.Material.Title);
        }
        var anonymous = portal.Anonymous();
        var first = await anonymous.GetStringAsync($"{PublicLibraryPaths.List}?topic={Uri.EscapeDataString(topic)}&language=sq&pageSize=2");
        Assert.Equal(2, titles.Count(first.Contains));
        Assert.DoesNotContain("rel=\"prev\"", first);
        var next = System.Text.RegularExpressions.Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        var nextUrl = System.Net.WebUtility.HtmlDecode(next);
        Assert.Contains("topic=" + Uri.EscapeDataString(topic), nextUrl);
        Assert.Contains("language=sq", nextUrl);
        Assert.Contains("page=2", nextUrl);
        Assert.Contains("aria-current=\"page\"", first);

        var second = await anonymous.GetStringAsync(nextUrl);
        Assert.Equal(1, titles.Count(second.Contains));
        Assert.Contains("rel=\"prev\"", second);
        Assert.DoesNotContain("rel=\"next\"", second);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{PublicLibraryPaths.List}?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{PublicLibraryPaths.List}?pageSize=51")).StatusCode);
    }

    [Fact]
    public async Task The_public_library_leaks_nothing_internal()
    {
        var team = NewTeam();
        var secret = await CreateFileAsync(team, Details(Unique("Internal draft")), "Internal words only.");
        var inReview = await CreateLinkAsync(team.Trainer, Details(Unique("Under review")));
        Assert.Equal(HttpStatusCode.OK, (await team.Trainer.Client.PostAsync($"{Api}/materials/{inReview.Material.Id}/submit", null)).StatusCode);
        var published = await CreateLinkAsync(team.Trainer, Details(Unique("Public one"), "sq"));
        await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/materials/{published.Material.Id}/translations", new LinkTranslationRequest(secret.Material.Id), DocumentsClient.Json)).ReadAsync<MaterialDto>();
        await PublishAsync(team, published.Material.Id);
        var collection = await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/collections",
            new CreateCollectionRequest(Unique("Mixed pack"), null, [published.Material.Id, secret.Material.Id]), DocumentsClient.Json)).ReadAsync<CollectionDto>(HttpStatusCode.Created);
        var anonymous = portal.Anonymous();

        foreach (var url in new[]
                 {
                     PublicLibraryPaths.Material(secret.Material.Slug), PublicLibraryPaths.Download(secret.Material.Slug),
                     PublicLibraryPaths.Material(inReview.Material.Slug), PublicLibraryPaths.Download(inReview.Material.Slug),
                     PublicLibraryPaths.Material(secret.Material.Id.ToString()), PublicLibraryPaths.Collection(collection.Slug),
                     PublicLibraryPaths.CollectionZip(collection.Slug), PublicLibraryPaths.Material("no-such-material"),
                     TrainingPaths.MaterialFile(secret.Material.Id),
                 })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{url}: {(int)response.StatusCode}");
        }
        var list = await anonymous.GetStringAsync(PublicLibraryPaths.List);
        var publicPage = await anonymous.GetStringAsync(PublicLibraryPaths.Material(published.Material.Slug));
        foreach (var html in new[] { list, publicPage })
        {
            Assert.DoesNotContain(secret.Material.Title, html);
            Assert.DoesNotContain(secret.Material.Slug, html);
            Assert.DoesNotContain(inReview.Material.Title, html);
            Assert.DoesNotContain(team.WorkspaceId.ToString(), html);
            Assert.DoesNotContain(team.Trainer.Name, html);
        }
        Assert.Contains(published.Material.Title, list);
        // Public pages are kept as long as the Training options say.
        var cached = await anonymous.GetAsync(PublicLibraryPaths.Material(published.Material.Slug));
        Assert.Equal(portal.App.Services.GetRequiredService<IOptions<TrainingOptions>>().Value.PublicCacheLifetime, cached.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(PublicLibraryPaths.List + "?audience=Nobody")).StatusCode);

        // A bad filter value: the page still renders, names it in the reader's language, and lists by the other filters.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicLibraryPaths.List}?language={published.Material.Language}&audience=Nobody");
        request.Headers.AcceptLanguage.ParseAdd("sr-Latn");
        var refused = await anonymous.SendAsync(request);
        // The page is HTML-encoded (quotes and letters beyond ASCII as character references): read it as the reader does.
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        Assert.Contains("„Nobody“ nije jedan od izbora filtera „Ciljna grupa“", page);
        Assert.Contains("<form class=\"filters\" method=\"get\"", page);
        Assert.Contains(published.Material.Title, page);
        Assert.DoesNotContain(secret.Material.Title, page);
    }

    [Fact]
    public async Task A_collection_keeps_its_order_refuses_unknown_materials_and_is_public_only_when_all_its_materials_are()
    {
        var team = NewTeam();
        var one = await CreateFileAsync(team, Details(Unique("One")), "first file");
        var two = await CreateFileAsync(team, Details(Unique("Two")), "second file");
        var unknown = await team.Trainer.Client.PostAsJsonAsync($"{Api}/collections", new CreateCollectionRequest("Pack", null, [one.Material.Id, Guid.NewGuid()]), DocumentsClient.Json);
        Assert.True((await ProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("materialIds", out _));

        var made = await (await team.Trainer.Client.PostAsJsonAsync($"{Api}/collections", new CreateCollectionRequest(Unique("Seminar pack"), "Day one", [one.Material.Id, two.Material.Id]), DocumentsClient.Json))
            .ReadAsync<CollectionDto>(HttpStatusCode.Created);
        var reordered = await (await team.Trainer.Client.PutAsJsonAsync($"{Api}/collections/{made.Id}",
            new UpdateCollectionRequest(made.Title, made.Description, [two.Material.Id, one.Material.Id], made.ConcurrencyStamp), DocumentsClient.Json)).ReadAsync<CollectionDto>();
        Assert.Equal([two.Material.Id, one.Material.Id], reordered.Items.Select(i => i.MaterialId));
        Assert.Equal(made.Title, Assert.Single((await (await team.Trainer.Client.GetAsync($"{Api}/materials/{one.Material.Id}")).ReadAsync<MaterialDto>()).UsedIn).Title);

        var zip = new ZipArchive(await team.Trainer.Client.GetStreamAsync(TrainingPaths.CollectionZip(made.Id)));
        Assert.Equal(["01 handout.md", "02 handout.md"], zip.Entries.Select(e => e.FullName));
        Assert.Equal("second file", new StreamReader(zip.Entries[0].Open()).ReadToEnd());

        var notYet = await team.Trainer.Client.PutAsJsonAsync($"{Api}/collections/{made.Id}/public", new SetCollectionPublicRequest(true, reordered.ConcurrencyStamp), DocumentsClient.Json);
        Assert.Equal("Collection.NotAllPublic", (await ProblemAsync(notYet, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        await PublishAsync(team, one.Material.Id);
        await PublishAsync(team, two.Material.Id);
        var current = await (await team.Trainer.Client.GetAsync($"{Api}/collections/{made.Id}")).ReadAsync<CollectionDto>();
        var madePublic = await (await team.Trainer.Client.PutAsJsonAsync($"{Api}/collections/{made.Id}/public", new SetCollectionPublicRequest(true, current.ConcurrencyStamp), DocumentsClient.Json))
            .ReadAsync<CollectionDto>();
        Assert.True(madePublic.IsPublic);

        var anonymous = portal.Anonymous();
        Assert.Contains(one.Material.Title, await anonymous.GetStringAsync(PublicLibraryPaths.Collection(made.Slug)));
        var publicZip = new ZipArchive(await anonymous.GetStreamAsync(PublicLibraryPaths.CollectionZip(made.Slug)));
        Assert.Equal(2, publicZip.Entries.Count);
        var internalMaterial = await CreateLinkAsync(team.Trainer, Details(Unique("Internal")));
        var adding = await team.Trainer.Client.PutAsJsonAsync($"{Api}/collections/{made.Id}",
            new UpdateCollectionRequest(made.Title, null, [one.Material.Id, two.Material.Id, internalMaterial.Material.Id], madePublic.ConcurrencyStamp), DocumentsClient.Json);
        Assert.Equal("Collection.NotAllPublic", (await ProblemAsync(adding, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var other = portal.NewPerson("Not the author", ConsortiumPartners.Bfpe);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PutAsJsonAsync($"{Api}/collections/{made.Id}",
            new UpdateCollectionRequest("Mine now", null, [], madePublic.ConcurrencyStamp), DocumentsClient.Json)).StatusCode);
    }

    [Fact]
    public async Task Following_twice_is_one_follow_and_a_bad_value_is_refused()
    {
        var reader = portal.NewPerson("Follower", ConsortiumPartners.Bprg);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.Client.PostAsJsonAsync($"{Api}/follows", new FollowRequest(FollowKind.Language, "sr-Cyrl"), DocumentsClient.Json)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.Client.PostAsJsonAsync($"{Api}/follows", new FollowRequest(FollowKind.Audience, "Everyone"), DocumentsClient.Json)).StatusCode);
        var follows = await (await reader.Client.GetAsync($"{Api}/follows")).ReadAsync<List<FollowDto>>();
        var follow = Assert.Single(follows);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.Client.DeleteAsync($"{Api}/follows/{follow.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.DeleteAsync($"{Api}/follows/{follow.Id}")).StatusCode);
    }
}

public sealed class TrainingApiTests_Sqlite(TrainingSqlitePortal portal) : TrainingApiTests<TrainingSqlitePortal, SqlitePortal>(portal);

public sealed class TrainingApiTests_PostgreSql(TrainingPostgreSqlPortal portal) : TrainingApiTests<TrainingPostgreSqlPortal, PostgreSqlPortal>(portal);
