using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows;
using static Consortium.Portal.IntegrationTests.Workflows.WorkflowsSetUp;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>The pages as the server first renders them: what a person sees before the circuit connects.</summary>
public abstract class WorkflowPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : WorkflowsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<(Person Assignee, WorkflowInstanceDto Instance)> StartedAsync()
    {
        var assignee = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg, PortalRoles.PartnerLead);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key, Stage("cross-partner", Users(assignee.Id), deadline: new StageDeadline(1)));
        return (assignee, await StartAsync(portal.App.Services, key));
    }

    [Fact]
    public async Task The_inbox_shows_the_task_with_its_three_decisions()
    {
        var (assignee, instance) = await StartedAsync();

        var response = await assignee.Client.GetAsync("/workflows/tasks");

        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(instance.SubjectTitle, html);
        Assert.Contains("cross-partner", html);
        foreach (var button in new[] { "Approve", "Request changes", "Reject" })
        {
            Assert.Contains(button, html);
        }
    }

    [Fact]
    public async Task The_timeline_page_tells_the_steps_in_the_reader_s_words_and_a_stranger_sees_none()
    {
        var (assignee, instance) = await StartedAsync();
        var stranger = portal.NewPerson("Stranger", ConsortiumPartners.Yucom);

        var html = await (await assignee.Client.GetAsync($"/workflows/instances/{instance.Id}")).Content.ReadAsStringAsync();
        var hidden = await (await stranger.Client.GetAsync($"/workflows/instances/{instance.Id}")).Content.ReadAsStringAsync();

        Assert.Contains("In approval", html);
        Assert.Contains("cross-partner: a task was opened", html);
        // The flow of the instance's version, drawn with its place marked, and told in words.
        Assert.Contains("data-flow-stage=\"cross-partner\" data-active=\"true\"", html);
        Assert.Contains("From the start: cross-partner (where it is now); then the end.", html);
        Assert.DoesNotContain(instance.SubjectTitle, hidden);
    }

    [Fact]
    public async Task The_coordinator_s_page_lists_running_workflows_and_a_member_may_not_open_it()
    {
        var (assignee, instance) = await StartedAsync();
        var coordinator = portal.NewPerson("Coordinator", null, PortalRoles.Coordinator);

        var html = await (await coordinator.Client.GetAsync("/workflows/instances")).Content.ReadAsStringAsync();
        var refused = await assignee.Client.GetAsync("/workflows/instances");

        Assert.Contains(instance.SubjectTitle, html);
        Assert.DoesNotContain(instance.SubjectTitle, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_definitions_page_lists_each_key_and_tells_who_each_stage_would_ask_today()
    {
        var coordinator = portal.NewPerson("Vjosa Coordinator", null, PortalRoles.Coordinator);
        var lead = portal.NewPerson("Lead of BCSP", ConsortiumPartners.Bcsp, PortalRoles.PartnerLead);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key,
            Stage("named", Users(lead.Id)), Stage("authors", new AssigneeRule(AssigneeKinds.Authors)));

        var html = await (await coordinator.Client.GetAsync("/workflows/definitions")).Content.ReadAsStringAsync();
        IReadOnlyList<Consortium.Portal.Workflows.Application.StagePreview> preview;
        await using (var scope = portal.Scope())
        {
            preview = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Consortium.Portal.Workflows.Application.WorkflowDefinitions>(scope.ServiceProvider).PreviewAsync(key);
        }

        Assert.Contains(key, html);
        Assert.Equal([("named", "Lead of BCSP", false), ("authors", "", true)],
            preview.Select(p => (p.StageId, string.Join(", ", p.People), p.DependsOnSubject)));
    }
}

public sealed class WorkflowPagesTests_Sqlite(WorkflowsSqlitePortal portal) : WorkflowPagesTests<WorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class WorkflowPagesTests_PostgreSql(WorkflowsPostgreSqlPortal portal) : WorkflowPagesTests<WorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
