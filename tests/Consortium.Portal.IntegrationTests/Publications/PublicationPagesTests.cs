using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Publications;

/// <summary>The staff's pages as the server first renders them, and the seeded default review.</summary>
public abstract class PublicationPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PublicationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_list_the_detail_and_the_pipeline_render_for_those_who_may_see_them()
    {
        var author = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor));
        var manuscript = portal.Documents.Add(workspace, "op-ed.md", "draft");
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Withdrawn, workspace, manuscript, author.Id, ConsortiumPartners.Bprg.Id,
            title: "Pages " + Guid.NewGuid().ToString("N")[..8]);
        var coordinator = portal.NewPerson("Coordinator", null, PortalRoles.Coordinator);

        var list = await (await author.Client.GetAsync("/publications")).Content.ReadAsStringAsync();
        var detail = await (await author.Client.GetAsync($"/publications/{p.Id}")).Content.ReadAsStringAsync();
        var pipeline = await coordinator.Client.GetAsync("/publications/pipeline");
        var refused = await author.Client.GetAsync("/publications/pipeline");

        Assert.Contains(p.Title, list);
        Assert.Contains("The outlet retracted it.", detail);
        Assert.Contains("Withdrawn", detail);
        await DocumentsClient.ExpectAsync(pipeline, HttpStatusCode.OK);
        Assert.Contains("Counts for donor reporting", await pipeline.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Counts for donor reporting", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_new_and_edit_forms_render_for_an_author_with_the_drafts_values()
    {
        var author = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor));
        var manuscript = portal.Documents.Add(workspace, "op-ed.md", "draft");
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Draft, workspace, manuscript, author.Id, ConsortiumPartners.Bprg.Id,
            title: "Form " + Guid.NewGuid().ToString("N")[..8]);

        var created = await author.Client.GetAsync($"/publications/new/{workspace}");
        var edited = await author.Client.GetAsync($"/publications/{p.Id}/edit");

        await DocumentsClient.ExpectAsync(created, HttpStatusCode.OK);
        Assert.Contains("New publication", await created.Content.ReadAsStringAsync());
        await DocumentsClient.ExpectAsync(edited, HttpStatusCode.OK);
        var html = await edited.Content.ReadAsStringAsync();
        Assert.Contains("Edit the publication", html);
        Assert.Contains(p.Title, html);
    }

    [Fact]
    public async Task The_default_review_is_seeded_once_as_version_1_and_a_second_seed_changes_nothing()
    {
        await using var scope = portal.Scope();
        var seeds = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionSeeds>();

        var again = await seeds.EnsurePublishedAsync(new PublishWorkflowDefinitionRequest(PublicationsConsts.DefaultWorkflow,
            new LocalizedName("Other", "Other", "Other", null), PublicationsConsts.SubjectType,
            [new WorkflowStageDto("only", StageKind.Approval, new LocalizedName("Only", "Only", "Only", null), [new AssigneeRule(AssigneeKinds.Authors)], new DecisionRule(DecisionRuleKind.Any))]));

        Assert.False(again);
        var coordinator = portal.NewPerson("Coordinator", null, PortalRoles.Coordinator);
        var seeded = await (await coordinator.Client.GetAsync($"/api/workflows/definitions/{PublicationsConsts.DefaultWorkflow}")).ReadAsync<WorkflowDefinitionDto>();
        Assert.Equal(1, seeded.Version);
        Assert.Equal(["co-authors", "cross-partner", "coordinator"], seeded.Stages.Select(s => s.Id));
        Assert.True(seeded.Stages[1].Rule!.EachSide);
        Assert.Equal(DecisionRuleKind.All, seeded.Stages[0].Rule!.Kind);
    }
}

public sealed class PublicationPagesTests_Sqlite(PublicationsSqlitePortal portal) : PublicationPagesTests<PublicationsSqlitePortal, SqlitePortal>(portal);

public sealed class PublicationPagesTests_PostgreSql(PublicationsPostgreSqlPortal portal) : PublicationPagesTests<PublicationsPostgreSqlPortal, PostgreSqlPortal>(portal);
