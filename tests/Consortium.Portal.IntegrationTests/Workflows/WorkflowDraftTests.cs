using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using static Consortium.Portal.IntegrationTests.Workflows.WorkflowsSetUp;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// A definition's draft: the next version while coordinators work on it, kept between visits, taken over by another
/// coordinator, refused with a 409 when two save it at once, and gone with the save that publishes it.
/// </summary>
public abstract class WorkflowDraftTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : WorkflowsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Api = WorkflowsPaths.Api;

    private static string NewKey() => "drafts." + Guid.NewGuid().ToString("N")[..12];

    private Person Coordinator(string name) => portal.NewPerson(name, null, PortalRoles.Coordinator);

    private static Task<HttpResponseMessage> SaveAsync(Person person, SaveWorkflowDraftRequest request)
        => person.Client.PostAsJsonAsync($"{Api}/drafts", request, DocumentsClient.Json);

    [Fact]
    public async Task An_unfinished_draft_is_kept_taken_over_by_another_coordinator_and_published_as_the_next_version()
    {
        var (arta, milica) = (Coordinator("Arta Draft"), Coordinator("Milica Draft"));
        var key = NewKey();
        var coordinatorStage = Stage("coordinator", new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator));
        await PublishAsync(portal.App.Services, key, coordinatorStage);

        // Unfinished: no names yet and a stage nobody approves. Publishing would refuse it; a draft keeps it.
        var unfinished = new SaveWorkflowDraftRequest(key, null, null, [coordinatorStage, Stage("legal", new AssigneeRule(AssigneeKinds.Users, UserIds: []))], null);
        var started = await (await SaveAsync(arta, unfinished)).ReadAsync<WorkflowDefinitionDraftDto>();
        Assert.Equal((key, 1, "Arta Draft"), (started.Key, started.LatestVersion, started.SavedByName));
        Assert.Equal(["coordinator", "legal"], started.Stages.Select(s => s.Id));

        // Another coordinator finds it, listed and by key, and finishes it.
        var listed = await milica.Client.GetFromJsonAsync<List<WorkflowDefinitionDraftDto>>($"{Api}/drafts", DocumentsClient.Json);
        Assert.Contains(listed!, d => d.Key == key);
        var read = await milica.Client.GetFromJsonAsync<WorkflowDefinitionDraftDto>($"{Api}/drafts/{key}", DocumentsClient.Json);
        var finished = await (await SaveAsync(milica, new SaveWorkflowDraftRequest(key, Name("With legal review"), null,
            [coordinatorStage, Stage("legal", Users(milica.Id))], read!.ConcurrencyStamp))).ReadAsync<WorkflowDefinitionDraftDto>();
        Assert.Equal("Milica Draft", finished.SavedByName);
        Assert.NotEqual(read.ConcurrencyStamp, finished.ConcurrencyStamp);

        // Arta saves what she had open: someone saved it since, so hers is refused and theirs comes with the 409.
        var stale = await SaveAsync(arta, unfinished with { ConcurrencyStamp = started.ConcurrencyStamp });
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        var kept = await milica.Client.GetFromJsonAsync<WorkflowDefinitionDraftDto>($"{Api}/drafts/{key}", DocumentsClient.Json);
        Assert.Equal(finished.ConcurrencyStamp, kept!.ConcurrencyStamp);
        // Starting a second draft beside it (no stamp) is the same stale read.
        await (await SaveAsync(arta, unfinished)).ProblemAsync(HttpStatusCode.Conflict);

        // Publishing by a stale stamp is refused and publishes nothing; by the current one it makes version 2 and the draft goes.
        await (await arta.Client.PostAsJsonAsync($"{Api}/drafts/{key}/publish", new PublishWorkflowDraftRequest(started.ConcurrencyStamp), DocumentsClient.Json))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, (await arta.Client.GetFromJsonAsync<WorkflowDefinitionDto>($"{Api}/definitions/{key}", DocumentsClient.Json))!.Version);
        var published = await (await milica.Client.PostAsJsonAsync($"{Api}/drafts/{key}/publish", new PublishWorkflowDraftRequest(finished.ConcurrencyStamp), DocumentsClient.Json))
            .ReadAsync<WorkflowDefinitionDto>(HttpStatusCode.Created);
        Assert.Equal(2, published.Version);
        Assert.Equal(["coordinator", "legal"], published.Stages.Select(s => s.Id));
        await (await milica.Client.GetAsync($"{Api}/drafts/{key}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_that_would_not_publish_stays_a_draft_and_says_every_reason()
    {
        var arta = Coordinator("Arta Refused");
        var key = NewKey();
        var draft = await (await SaveAsync(arta, new SaveWorkflowDraftRequest(key, null, null, [], null))).ReadAsync<WorkflowDefinitionDraftDto>();
        Assert.Null(draft.LatestVersion);

        var refused = await arta.Client.PostAsJsonAsync($"{Api}/drafts/{key}/publish", new PublishWorkflowDraftRequest(draft.ConcurrencyStamp), DocumentsClient.Json);
        Assert.Equal(["name.en", "name.sq", "name.srLatn", "stages"], await refused.FieldErrorsAsync());
        await (await arta.Client.GetAsync($"{Api}/definitions/{key}")).ProblemAsync(HttpStatusCode.NotFound);
        var still = await arta.Client.GetFromJsonAsync<WorkflowDefinitionDraftDto>($"{Api}/drafts/{key}", DocumentsClient.Json);
        Assert.Equal(draft.ConcurrencyStamp, still!.ConcurrencyStamp);
    }

    [Fact]
    public async Task Bad_input_is_refused_by_field_and_saves_nothing()
    {
        var arta = Coordinator("Arta Bad");
        var key = NewKey();
        var tooLong = new string('x', WorkflowsConsts.MaxNameLength + 1);
        var bad = await SaveAsync(arta, new SaveWorkflowDraftRequest("Not A Key!", new LocalizedName(tooLong, null, null, null), null, [], null));
        Assert.Equal(["key", "name.en"], await bad.FieldErrorsAsync());
        var many = Enumerable.Range(0, WorkflowsConsts.MaxStages + 1).Select(i => Stage($"s{i}", Users(arta.Id))).ToList();
        Assert.Equal(["stages"], await (await SaveAsync(arta, new SaveWorkflowDraftRequest(key, null, null, many, null))).FieldErrorsAsync());
        await (await arta.Client.GetAsync($"{Api}/drafts/{key}")).ProblemAsync(HttpStatusCode.NotFound);

        // Discarding needs the stamp as read, and a stale one is a 409 that keeps the draft.
        var draft = await (await SaveAsync(arta, new SaveWorkflowDraftRequest(key, null, null, [], null))).ReadAsync<WorkflowDefinitionDraftDto>();
        Assert.Equal(["concurrencyStamp"], await (await arta.Client.DeleteAsync($"{Api}/drafts/{key}")).FieldErrorsAsync());
        await (await arta.Client.DeleteAsync($"{Api}/drafts/{key}?concurrencyStamp={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.Conflict);
        await DocumentsClient.ExpectAsync(await arta.Client.DeleteAsync($"{Api}/drafts/{key}?concurrencyStamp={draft.ConcurrencyStamp}"), HttpStatusCode.NoContent);
        await (await arta.Client.GetAsync($"{Api}/drafts/{key}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_or_discarding_without_the_stamp_is_the_same_field_error_whether_or_not_there_is_a_draft()
    {
        var arta = Coordinator("Arta Stampless");
        var (drafted, none) = (NewKey(), NewKey());
        await SaveAsync(arta, new SaveWorkflowDraftRequest(drafted, null, null, [], null));

        // The stamp is checked before the draft is looked for, so no key answers 404 here.
        foreach (var key in new[] { drafted, none })
        {
            foreach (var refused in new[]
                     {
                         await arta.Client.DeleteAsync($"{Api}/drafts/{key}"),
                         await arta.Client.PostAsJsonAsync($"{Api}/drafts/{key}/publish", new PublishWorkflowDraftRequest(null), DocumentsClient.Json),
                     })
            {
                Assert.Equal(["concurrencyStamp"], await refused.FieldErrorsAsync());
                var message = (await JsonDocument.ParseAsync(await refused.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors").GetProperty("concurrencyStamp")[0].GetString();
                Assert.Equal("The concurrency stamp of the version you read is missing: send it with the change.", message);
            }
        }
        await (await arta.Client.GetAsync($"{Api}/drafts/{none}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.NotNull(await arta.Client.GetFromJsonAsync<WorkflowDefinitionDraftDto>($"{Api}/drafts/{drafted}", DocumentsClient.Json));
    }

    [Fact]
    public async Task Two_coordinators_starting_the_same_draft_at_once_end_with_one_draft_and_a_409()
    {
        var (arta, milica) = (Coordinator("Arta Race"), Coordinator("Milica Race"));
        var key = NewKey();
        var responses = await Task.WhenAll(
            SaveAsync(arta, new SaveWorkflowDraftRequest(key, Name("Arta's"), null, [], null)),
            SaveAsync(milica, new SaveWorkflowDraftRequest(key, Name("Milica's"), null, [], null)));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.IsSuccessStatusCode).ReadAsync<WorkflowDefinitionDraftDto>();
        var kept = await arta.Client.GetFromJsonAsync<WorkflowDefinitionDraftDto>($"{Api}/drafts/{key}", DocumentsClient.Json);
        Assert.Equal((winner.Name.En, winner.ConcurrencyStamp), (kept!.Name.En, kept.ConcurrencyStamp));
    }
}

public sealed class WorkflowDraftTests_Sqlite(WorkflowsSqlitePortal portal) : WorkflowDraftTests<WorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class WorkflowDraftTests_PostgreSql(WorkflowsPostgreSqlPortal portal) : WorkflowDraftTests<WorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
