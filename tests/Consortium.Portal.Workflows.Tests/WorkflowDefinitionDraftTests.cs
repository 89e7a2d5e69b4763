using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Consortium.Portal.Workflows.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>A draft keeps its stages as JSON and parses them once for each value the JSON takes.</summary>
public sealed class WorkflowDefinitionDraftTests
{
    private static WorkflowStageDto Stage(string id)
        => new(id, StageKind.Approval, new LocalizedName(id, id, id, null), [new AssigneeRule(AssigneeKinds.Role, "Coordinator")], new DecisionRule(DecisionRuleKind.Any));

    [Fact]
    public void Its_stages_are_parsed_once_and_again_after_a_replace()
    {
        var draft = WorkflowDefinitionDraft.Start("tests.parsed");
        draft.Replace(null, null, [Stage("review")]);
        var first = draft.Stages;
        Assert.Same(first, draft.Stages);
        Assert.Equal(["review"], first.Select(s => s.Id));

        draft.Replace(null, null, [Stage("review"), Stage("sign-off")]);
        Assert.Equal(["review", "sign-off"], draft.Stages.Select(s => s.Id));
        Assert.Same(draft.Stages, draft.Stages);
    }

    [Fact]
    public async Task Stages_read_again_from_the_database_replace_those_parsed_before()
    {
        // EF writes a reloaded row's JSON through the property's backing field, past any setter.
        await using var context = new EditorTestContext(withDatabase: true);
        await using var scope = context.Page.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var draft = WorkflowDefinitionDraft.Start("tests.reloaded");
        draft.Replace(null, null, [Stage("review")]);
        db.Drafts.Add(draft);
        await db.SaveChangesAsync();
        Assert.Equal(["review"], draft.Stages.Select(s => s.Id));

        var other = WorkflowDefinitionDraft.Start("tests.reloaded");
        other.Replace(null, null, [Stage("sign-off")]);
        await db.Drafts.Where(d => d.Id == draft.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.StagesJson, other.StagesJson));
        await db.Entry(draft).ReloadAsync();

        Assert.Equal(["sign-off"], draft.Stages.Select(s => s.Id));
    }
}
