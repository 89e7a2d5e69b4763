using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Jobs;
using Microsoft.EntityFrameworkCore;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Publications;

public abstract class PublicationApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PublicationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Api = PublicationsPaths.Api;

    private sealed record Team(Person Author, Person CoAuthor, Guid WorkspaceId, Guid Manuscript);

    /// <summary>An author of BPRG (Kosovo) and a co-author of BCSP (Serbia), both Editors of a workspace with the manuscript.</summary>
    private Team NewTeam()
    {
        var author = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg);
        var coAuthor = portal.NewPerson("Milica Jovanović", ConsortiumPartners.Bcsp);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor), (coAuthor.Id, WorkspaceRole.Editor));
        return new Team(author, coAuthor, workspace, portal.Documents.Add(workspace, "op-ed.md", "first draft", "second draft"));
    }

    private static CreatePublicationRequest Draft(Team team, IReadOnlyList<string>? languages = null) => new(PublicationType.OpEd, "Normalisation, town by town",
        "What Gjilan and Kraljevo taught us.", ["dialogue", "towns"], languages ?? ["en"], [team.CoAuthor.Id], team.WorkspaceId, team.Manuscript, "Koha Ditore", 4);

    private static async Task<PublicationDto> CreateAsync(Team team, IReadOnlyList<string>? languages = null)
        => await (await team.Author.Client.PostAsJsonAsync(Api, Draft(team, languages), DocumentsClient.Json)).ReadAsync<PublicationDto>(HttpStatusCode.Created);

    private static async Task<PublicationDto> GetAsync(Person person, Guid id) => await (await person.Client.GetAsync($"{Api}/{id}")).ReadAsync<PublicationDto>();

    private static Task<HttpResponseMessage> SubmitAsync(Person person, PublicationDto p, string? definition = null)
        => person.Client.PostAsJsonAsync($"{Api}/{p.Id}/submit", new SubmitPublicationRequest(definition, null, p.ConcurrencyStamp), DocumentsClient.Json);

    private async Task<WorkflowInstanceDto> WorkflowAsync(Guid publicationId) => (await FindWorkflowAsync(publicationId))!;

    private async Task<WorkflowInstanceDto?> FindWorkflowAsync(Guid publicationId)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflows>().FindForSubjectAsync(PublicationsConsts.SubjectType, publicationId);
    }

    private async Task DecideAsync(Person person, Guid publicationId, TaskDecision decision, string? comment = null)
    {
        var task = (await WorkflowAsync(publicationId)).OpenTasks.Single(t => t.AssigneeId == person.Id);
        var response = await person.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision", new ActOnTaskRequest(Guid.NewGuid(), decision, comment), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await portal.DeliverAsync();
    }

    [Fact]
    public async Task A_draft_names_its_creator_among_the_authors_and_the_partners_of_every_author()
    {
        var team = NewTeam();

        var created = await CreateAsync(team);

        Assert.Equal(PublicationState.Draft, created.State);
        Assert.Equal([team.CoAuthor.Id, team.Author.Id], created.AuthorIds);
        Assert.Equal([ConsortiumPartners.Bcsp.Id, ConsortiumPartners.Bprg.Id], created.AuthoringPartnerIds);
        var page = await (await team.Author.Client.GetAsync($"{Api}?workspaceId={team.WorkspaceId}")).ReadAsync<PagedResult<PublicationSummaryDto>>();
        Assert.Equal(created.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task A_manuscript_of_another_workspace_is_refused_and_nothing_is_made()
    {
        var team = NewTeam();
        var elsewhere = portal.Documents.Add(Guid.NewGuid(), "other.md", "text");

        var response = await team.Author.Client.PostAsJsonAsync(Api, Draft(team) with { ManuscriptDocumentId = elsewhere }, DocumentsClient.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("manuscriptDocumentId", out _));
        var page = await (await team.Author.Client.GetAsync($"{Api}?workspaceId={team.WorkspaceId}")).ReadAsync<PagedResult<PublicationSummaryDto>>();
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Edits_and_changes_of_state_without_the_stamp_they_read_are_field_errors_on_it_and_change_nothing()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);

        // Each is refused before the publication is read, so even a draft's publish or withdrawal is refused on the stamp.
        await team.Author.Client.AssertRefusedAsync(HttpMethod.Put, $"{Api}/{p.Id}",
            new UpdatePublicationRequest(p.Type, "Renamed", p.Summary, p.Tags, p.Languages, p.AuthorIds, p.ManuscriptDocumentId, p.TargetOutlet, p.Activity, p.ConcurrencyStamp));
        await team.Author.Client.AssertRefusedAsync(HttpMethod.Post, $"{Api}/{p.Id}/submit", new SubmitPublicationRequest(null, null, p.ConcurrencyStamp));
        await team.Author.Client.AssertRefusedAsync(HttpMethod.Post, $"{Api}/{p.Id}/publish",
            new PublishPublicationRequest([new PublicationFileRequest("en", team.Manuscript, null)], null, null, p.ConcurrencyStamp));
        await team.Author.Client.AssertRefusedAsync(HttpMethod.Post, $"{Api}/{p.Id}/withdraw", new WithdrawPublicationRequest("The outlet retracted it", p.ConcurrencyStamp));

        var after = await GetAsync(team.Author, p.Id);
        Assert.Equal((p.Title, p.State, p.ConcurrencyStamp), (after.Title, after.State, after.ConcurrencyStamp));
        Assert.Null(await FindWorkflowAsync(p.Id));
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_read_one_wins_and_the_other_gets_409_with_the_current_publication()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);
        UpdatePublicationRequest Edit(string title) => new(p.Type, title, p.Summary, p.Tags, p.Languages, p.AuthorIds, p.ManuscriptDocumentId, p.TargetOutlet, p.Activity, p.ConcurrencyStamp);

        var first = await team.Author.Client.PutAsJsonAsync($"{Api}/{p.Id}", Edit("First"), DocumentsClient.Json);
        var second = await team.CoAuthor.Client.PutAsJsonAsync($"{Api}/{p.Id}", Edit("Second"), DocumentsClient.Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("First", (await GetAsync(team.Author, p.Id)).Title);
    }

    [Fact]
    public async Task Someone_who_is_not_an_author_may_read_but_not_change_it()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);
        var stranger = portal.NewPerson("Vuk Petrović", ConsortiumPartners.Yucom);

        Assert.Equal(p.Title, (await GetAsync(stranger, p.Id)).Title);
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(stranger, p)).StatusCode);
    }

    [Fact]
    public async Task Submitting_while_a_workflow_runs_for_it_is_a_409_and_it_stays_a_draft()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);
        await using (var scope = portal.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflows>().StartAsync(new StartWorkflowRequest(PublicationsConsts.SubjectType, p.Id, PublicationsConsts.DefaultWorkflow));
        }

        var response = await SubmitAsync(team.Author, p);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(PublicationState.Draft, (await GetAsync(team.Author, p.Id)).State);
    }

    [Fact]
    public async Task A_crash_after_the_workflow_started_leaves_the_draft_as_it_was_and_no_workflow()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);
        portal.CrashAfterWorkflowStart[p.Id] = true;

        var response = await SubmitAsync(team.Author, p);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var after = await GetAsync(team.Author, p.Id);
        Assert.Equal(PublicationState.Draft, after.State);
        Assert.Equal(p.ConcurrencyStamp, after.ConcurrencyStamp);
        await using (var scope = portal.Scope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Instances.AnyAsync(i => i.SubjectId == p.Id));
        }
        Assert.Null(await FindWorkflowAsync(p.Id));

        // Nothing of it is left to get in the way: the next submit starts the workflow.
        portal.CrashAfterWorkflowStart.TryRemove(p.Id, out _);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(team.Author, p)).StatusCode);
        Assert.Equal(PublicationState.InApproval, (await GetAsync(team.Author, p.Id)).State);
        Assert.Equal(WorkflowStatus.Running, (await WorkflowAsync(p.Id)).Status);
    }

    [Fact]
    public async Task An_unknown_workflow_is_a_404_and_it_stays_a_draft()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);

        var response = await SubmitAsync(team.Author, p, "no.such.definition");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(PublicationState.Draft, (await GetAsync(team.Author, p.Id)).State);
    }

    [Fact]
    public async Task The_default_review_asks_the_coauthors_then_a_lead_of_each_side_then_the_coordinator_and_changes_resume_where_they_were_asked()
    {
        var team = NewTeam();
        var kosovoLead = portal.NewPerson("Besa Gashi", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var serbiaLead = portal.NewPerson("Nikola Ilić", ConsortiumPartners.EMinS, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Coordinator", null, PortalRoles.Coordinator);
        var p = await CreateAsync(team);

        var submitted = await (await SubmitAsync(team.Author, p)).ReadAsync<PublicationDto>();
        Assert.Equal(PublicationState.InApproval, submitted.State);
        Assert.Equal(PublicationsConsts.DefaultWorkflow, submitted.WorkflowDefinitionKey);
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(team.Author, submitted)).StatusCode);

        await DecideAsync(team.Author, p.Id, TaskDecision.Approve);
        await DecideAsync(team.CoAuthor, p.Id, TaskDecision.Approve);
        Assert.Equal("cross-partner", Assert.Single((await WorkflowAsync(p.Id)).ActiveStages).StageId);

        await DecideAsync(serbiaLead, p.Id, TaskDecision.RequestChanges, "Name the municipalities.");
        var back = await GetAsync(team.Author, p.Id);
        Assert.Equal(PublicationState.ChangesRequested, back.State);
        Assert.Equal("Name the municipalities.", back.ReviewComment);

        var edited = await (await team.Author.Client.PutAsJsonAsync($"{Api}/{p.Id}", new UpdatePublicationRequest(back.Type, back.Title + " (Gjilan, Kraljevo)", back.Summary,
            back.Tags, back.Languages, back.AuthorIds, back.ManuscriptDocumentId, back.TargetOutlet, back.Activity, back.ConcurrencyStamp), DocumentsClient.Json)).ReadAsync<PublicationDto>();
        Assert.Equal(PublicationState.InApproval, (await (await SubmitAsync(team.Author, edited)).ReadAsync<PublicationDto>()).State);
        Assert.Equal("cross-partner", Assert.Single((await WorkflowAsync(p.Id)).ActiveStages).StageId);

        await DecideAsync(kosovoLead, p.Id, TaskDecision.Approve);
        Assert.Equal("cross-partner", Assert.Single((await WorkflowAsync(p.Id)).ActiveStages).StageId);
        await DecideAsync(serbiaLead, p.Id, TaskDecision.Approve);
        Assert.Equal(PublicationState.InApproval, (await GetAsync(team.Author, p.Id)).State);
        await DecideAsync(coordinator, p.Id, TaskDecision.Approve);

        Assert.Equal(PublicationState.Approved, (await GetAsync(team.Author, p.Id)).State);
    }

    [Fact]
    public async Task A_passed_deadline_of_the_default_review_reaches_the_coordinator_once_per_stage_naming_whose_decisions_are_overdue()
    {
        var team = NewTeam();
        var coordinator = portal.NewPerson("Escalation coordinator", null, PortalRoles.Coordinator);
        var p = await CreateAsync(team);
        await (await SubmitAsync(team.Author, p)).ReadAsync<PublicationDto>();
        var workflow = await WorkflowAsync(p.Id);
        Assert.Equal(2, workflow.OpenTasks.Count);

        // The co-author review allows five working days: over within eight calendar days, whatever day the test runs.
        // The sweep runs twice (a retry, a second server): each overdue task escalates once, and the stage tells once.
        portal.Clock.Advance(TimeSpan.FromDays(8));
        for (var run = 0; run < 2; run++)
        {
            await using var scope = portal.Scope();
            await scope.ServiceProvider.GetRequiredService<WorkflowTimersJob>().FireDueAsync();
        }
        await portal.DeliverAsync();

        var inbox = await (await coordinator.Client.GetAsync($"{NotificationsPaths.Api}?pageSize=100")).ReadAsync<NotificationPageDto>();
        var escalations = inbox.Items.Where(n => n.Type == "workflows.task-escalated" && n.Link == WorkflowsPaths.InstancePage(workflow.Id)).ToList();
        var escalation = Assert.Single(escalations);
        Assert.Contains(p.Title, escalation.Title);
        Assert.Contains("\"Co-author review\"", escalation.Body);
        Assert.Contains("Decisions overdue: 2, from ", escalation.Body);
        Assert.Contains(team.Author.Name, escalation.Body);
        Assert.Contains(team.CoAuthor.Name, escalation.Body);
        // Each reader's notice names the workflow and the stage in their language, e-mails too (the same rendering).
        var albanian = Assert.Single((await InboxAsync(coordinator, "sq")).Items, n => n.Id == escalation.Id);
        Assert.Equal($"Me vonesë: \"Shqyrtimi nga bashkautorët\" për \"{p.Title}\"", albanian.Title);
        Assert.Contains("(Shqyrtimi i publikimit të përbashkët)", albanian.Body);
        var cyrillic = Assert.Single((await InboxAsync(coordinator, "sr-Cyrl")).Items, n => n.Id == escalation.Id);
        Assert.Equal($"Касни: \"Преглед коаутора\" за \"{p.Title}\"", cyrillic.Title);
        Assert.Contains("(Преглед заједничке публикације)", cyrillic.Body);
        var after = await WorkflowAsync(p.Id);
        Assert.Equal(2, after.Journal.Count(j => j.Kind == JournalEntryKind.Escalated));
        // Escalating tells the coordinator; the authors still decide, and the publication stays in approval.
        Assert.Equal(2, after.OpenTasks.Count);
        Assert.Equal(PublicationState.InApproval, (await GetAsync(team.Author, p.Id)).State);
    }

    [Fact]
    public async Task An_escalation_notice_stored_before_notices_named_the_stage_reads_as_it_did_then_in_each_language()
    {
        var coordinator = portal.NewPerson("Earlier notice coordinator", null, PortalRoles.Coordinator);
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = portal.Scope())
        {
            // As the notice was stored before: the subject and the workflow's English name, no stage, count or names.
            var type = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Notifications.Delivery.NotificationTypeRegistry>().Find("workflows.task-escalated")!;
            var db = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Notifications.Data.NotificationsDbContext>();
            db.Notifications.Add(new Consortium.Portal.Notifications.Domain.Notification(coordinator.Id, type,
                new Dictionary<string, string> { ["subject"] = "Old op-ed", ["workflow"] = "Joint publication review" },
                "/workflows/instances/" + Guid.NewGuid(), Guid.NewGuid(), now, now, NotificationDelivery.InApp));
            await db.SaveChangesAsync();
        }

        var english = Assert.Single((await InboxAsync(coordinator, "en")).Items);
        var serbian = Assert.Single((await InboxAsync(coordinator, "sr-Latn")).Items);

        Assert.Equal(("Overdue: \"Old op-ed\"", "A decision on \"Old op-ed\" (Joint publication review) is past its deadline."), (english.Title, english.Body));
        Assert.Equal(("Kasni: \"Old op-ed\"", "Odluka o \"Old op-ed\" (Joint publication review) je prekoračila rok."), (serbian.Title, serbian.Body));
    }

    [Fact]
    public void Every_subject_type_names_the_values_of_its_condition_fields_in_every_language()
    {
        using var scope = portal.App.Services.CreateScope();
        var types = scope.ServiceProvider.GetServices<IWorkflowSubjectType>().ToList();
        var localizers = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>();

        Assert.Contains(types, t => t.Name == PublicationsConsts.SubjectType && t.ConditionValues.ContainsKey("type"));
        Assert.Contains(types, t => t.Name == "training.material" && t.ConditionValues.Keys.Order().SequenceEqual(["activity", "kind", "language"]));
        Assert.Contains(types, t => t.Name == "training.translation-request" && t.ConditionValues.ContainsKey("language"));
        var unnamed = new List<string>();
        foreach (var culture in Consortium.Portal.Platform.Localization.PortalCultures.All)
        {
            using var _ = new Consortium.Portal.Notifications.Delivery.CultureScope(System.Globalization.CultureInfo.GetCultureInfo(culture));
            foreach (var type in types)
            {
                Assert.All(type.ConditionValues.Keys, field => Assert.Contains(field, type.ConditionFields));
                var texts = localizers.Create(type.LocalizationResource);
                unnamed.AddRange(type.ConditionValues.SelectMany(f => f.Value.Where(v => texts[v.LabelKey, v.LabelArguments].ResourceNotFound)
                    .Select(v => $"{culture} {type.Name}.{f.Key}={v.Value} ({v.LabelKey})")));
            }
        }
        Assert.Empty(unnamed);
    }

    [Fact]
    public async Task A_condition_on_a_publication_value_it_never_has_is_refused_naming_the_values_and_a_known_one_is_published()
    {
        var coordinator = portal.NewPerson("Definition coordinator", null, PortalRoles.Coordinator);
        PublishWorkflowDefinitionRequest Definition(string type) => new("publications.by-type-" + Guid.NewGuid().ToString("N")[..8],
            new LocalizedName("By type", "Sipas llojit", "Po vrsti", null), PublicationsConsts.SubjectType,
            [
                new WorkflowStageDto("research", StageKind.Condition, new LocalizedName("Research", "Kërkim", "Istraživanje", null), Field: "type", EqualsValue: type,
                    Then: [new WorkflowStageDto("external", StageKind.Approval, new LocalizedName("External", "E jashtme", "Spoljni", null),
                        [new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator)], new DecisionRule(DecisionRuleKind.Any))]),
            ]);

        var refused = await coordinator.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/definitions", Definition("Research report"), DocumentsClient.Json);

        Assert.Equal(["stages[0].equalsValue"], await refused.FieldErrorsAsync());
        var message = (await JsonDocument.ParseAsync(await refused.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors").GetProperty("stages[0].equalsValue")[0].GetString();
        Assert.Equal("\"type\" is never \"Research report\"; it may be: OpEd, PolicyArticle, PolicyBrief, ResearchReport, PressRelease.", message);
        var published = await coordinator.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/definitions", Definition("ResearchReport"), DocumentsClient.Json);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rejection_makes_it_a_draft_with_the_comment()
    {
        var team = NewTeam();
        var p = await CreateAsync(team);
        await SubmitAsync(team.Author, p);

        await DecideAsync(team.CoAuthor, p.Id, TaskDecision.Reject, "We cannot sign this.");

        var now = await GetAsync(team.Author, p.Id);
        Assert.Equal(PublicationState.Draft, now.State);
        Assert.Equal("We cannot sign this.", now.ReviewComment);
    }

    [Fact]
    public async Task Publishing_without_the_disclaimer_or_a_partners_name_is_refused_saying_what_lacks_in_which_file()
    {
        var team = NewTeam();
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Approved, team.WorkspaceId, team.Manuscript, team.Author.Id,
            ConsortiumPartners.Bprg.Id, ["en", "sq"], moreAuthors: [team.CoAuthor.Id], morePartners: [ConsortiumPartners.Bcsp.Id]);
        var english = portal.Documents.Add(team.WorkspaceId, "final-en.md", PublicationsSetUp.PassingText("BPRG"));
        var albanian = portal.Documents.Add(team.WorkspaceId, "final-sq.md", "Normalizimi, qytet pas qyteti. BPRG, BCSP.");

        var response = await team.Author.Client.PostAsJsonAsync($"{Api}/{p.Id}/publish", new PublishPublicationRequest(
            [new PublicationFileRequest("en", english, null), new PublicationFileRequest("sq", albanian, null)], null, null, p.ConcurrencyStamp), DocumentsClient.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The English file \"final-en.md\" lacks the names of BCSP.", errors.GetProperty("files[0]")[0].GetString());
        Assert.Equal("The Albanian file \"final-sq.md\" lacks the donors' disclaimer.", errors.GetProperty("files[1]")[0].GetString());
        Assert.Equal(PublicationState.Approved, (await GetAsync(team.Author, p.Id)).State);
    }

    private static async Task<NotificationPageDto> InboxAsync(Person reader, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{NotificationsPaths.Api}?pageSize=100");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await (await reader.Client.SendAsync(request)).ReadAsync<NotificationPageDto>();
    }

    [Fact]
    public async Task The_refusal_is_in_the_readers_language()
    {
        var team = NewTeam();
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Approved, team.WorkspaceId, team.Manuscript, team.Author.Id, ConsortiumPartners.Bprg.Id);
        var english = portal.Documents.Add(team.WorkspaceId, "final.md", "BPRG only");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/{p.Id}/publish")
        {
            Content = JsonContent.Create(new PublishPublicationRequest([new PublicationFileRequest("en", english, null)], null, null, p.ConcurrencyStamp), options: DocumentsClient.Json),
        };
        request.Headers.AcceptLanguage.ParseAdd("sq");

        var response = await team.Author.Client.SendAsync(request);

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Skedarit në anglisht \"final.md\" i mungon deklaratën e donatorëve.", errors.GetProperty("files[0]")[0].GetString());
    }

    [Fact]
    public async Task Publishing_records_the_date_the_files_per_language_and_the_outlets_link_and_withdrawing_keeps_the_reason()
    {
        var team = NewTeam();
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Approved, team.WorkspaceId, team.Manuscript, team.Author.Id,
            ConsortiumPartners.Bprg.Id, ["en", "sr"]);
        var english = portal.Documents.Add(team.WorkspaceId, "final-en.md", "v1", PublicationsSetUp.PassingText("Balkans Policy Research Group"));
        var serbian = portal.Documents.Add(team.WorkspaceId, "final-sr.md", "BPRG\n" + new PublicationsOptions().Disclaimers["sr"]);

        var published = await (await team.Author.Client.PostAsJsonAsync($"{Api}/{p.Id}/publish", new PublishPublicationRequest(
            [new PublicationFileRequest("sr", serbian, null), new PublicationFileRequest("en", english, 2)], new DateOnly(2026, 12, 1), "https://kohaditore.example/op-ed",
            p.ConcurrencyStamp), DocumentsClient.Json)).ReadAsync<PublicationDto>();

        Assert.Equal(PublicationState.Published, published.State);
        Assert.Equal(new DateOnly(2026, 12, 1), published.PublishedOn);
        Assert.Equal("https://kohaditore.example/op-ed", published.OutletUrl);
        Assert.Equal(["en", "sr"], published.Files.Select(f => f.Language));
        Assert.Equal(2, published.Files[0].VersionNumber);
        Assert.NotNull(published.Slug);

        var withdrawn = await (await team.Author.Client.PostAsJsonAsync($"{Api}/{p.Id}/withdraw", new WithdrawPublicationRequest("The outlet retracted it", published.ConcurrencyStamp), DocumentsClient.Json))
            .ReadAsync<PublicationDto>();
        var reader = portal.NewPerson("Reader", ConsortiumPartners.D4D);
        var seen = await GetAsync(reader, p.Id);
        Assert.Equal(PublicationState.Withdrawn, seen.State);
        Assert.Equal("The outlet retracted it", seen.WithdrawalReason);
        Assert.Equal(withdrawn.ConcurrencyStamp, seen.ConcurrencyStamp);
    }
}

public sealed class PublicationApiTests_Sqlite(PublicationsSqlitePortal portal) : PublicationApiTests<PublicationsSqlitePortal, SqlitePortal>(portal);

public sealed class PublicationApiTests_PostgreSql(PublicationsPostgreSqlPortal portal) : PublicationApiTests<PublicationsPostgreSqlPortal, PostgreSqlPortal>(portal);
