using Bunit;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>The definitions page: a definition's versions are listed, and any one is compared with the one before it, side by side.</summary>
public sealed class DefinitionVersionsTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new(withDatabase: true);

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private static LocalizedName Name(string en) => new(en, en + " sq", en + " sr", null);

    private static WorkflowStageDto Approval(string id) => new(id, StageKind.Approval, Name(id), [new AssigneeRule(AssigneeKinds.Authors)], new DecisionRule(DecisionRuleKind.Any));

    private async Task PublishAsync(params WorkflowStageDto[] stages)
    {
        await using var scope = _context.Page.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>()
            .PublishAsync(new PublishWorkflowDefinitionRequest("tests.joint", Name("Joint publication"), null, stages));
    }

    [Fact]
    public async Task The_versions_list_leads_to_two_versions_side_by_side_with_what_changed()
    {
        await PublishAsync(Approval("co-authors"), Approval("coordinator"));
        await PublishAsync(Approval("co-authors"), Approval("cross-partner"), Approval("coordinator"));
        _context.Page.Render<MudPopoverProvider>();
        var page = _context.Page.Render<DefinitionsPage>();

        await page.WaitForElement("button:contains('Definitions.Open')").ClickAsync(new());
        var versions = page.WaitForElement("[data-test=definition-versions]");
        Assert.Equal(2, versions.QuerySelectorAll("tbody tr").Length);
        await versions.QuerySelector("button[aria-label*='Versions.CompareWithPrevious(2,1)']")!.ClickAsync(new());

        var comparison = page.WaitForElement("[data-test=version-comparison]");
        Assert.Contains("Versions.Comparing(1,2)", comparison.TextContent);
        var changes = comparison.QuerySelectorAll("[data-test=version-changes] li").Select(li => string.Join(" ", li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["Versions.Change.Added cross-partner", "Versions.Change.Changed coordinator: Versions.Aspect.place"], changes);
        Assert.Equal(2, comparison.QuerySelectorAll("[data-test=flow-diagram]").Length);
    }
}
