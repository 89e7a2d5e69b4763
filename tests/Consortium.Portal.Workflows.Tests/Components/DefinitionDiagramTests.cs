using Bunit;
using Consortium.Portal.Workflows.Components;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>The flow drawn as SVG: every kind of stage, the instance's place marked, and the whole flow told in words.</summary>
public sealed class DefinitionDiagramTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private static WorkflowStageDto Approval(string id) => new(id, StageKind.Approval, new LocalizedName(id, id, id, null), [new AssigneeRule(AssigneeKinds.Authors)]);

    private static readonly IReadOnlyList<WorkflowStageDto> Flow =
    [
        Approval("co-authors"),
        new("both-sides", StageKind.Parallel, new LocalizedName("Both sides", "Të dyja palët", "Obe strane", null), Branches: [[Approval("kosovo")], [Approval("serbia"), Approval("serbia-2")]]),
        new("research", StageKind.Condition, new LocalizedName("Research", "Kërkim", "Istraživanje", null), Field: "type", EqualsValue: "ResearchReport", Then: [Approval("external")]),
        Approval("coordinator"),
    ];

    [Fact]
    public void Every_stage_is_drawn_and_the_stages_where_the_instance_is_are_marked_in_the_drawing_and_in_words()
    {
        var diagram = _context.Page.Render<DefinitionDiagram>(p => p
            .Add(d => d.Stages, Flow).Add(d => d.Title, "Joint publication").Add(d => d.ActiveStageIds, ["kosovo", "serbia"]));

        var svg = diagram.Find("svg[role=img]");
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("Joint publication", diagram.Find($"#{labelledBy[0]}").TextContent);
        Assert.Equal(
            "Diagram.Description(co-authors" +
            "Diagram.ThenJoinDiagram.Parallel(Both sides,(Diagram.Current(kosovo))Diagram.And(Diagram.Current(serbia)Diagram.ThenJoinserbia-2))" +
            "Diagram.ThenJoinDiagram.If(Research,Diagram.Condition(ConditionField.type,ResearchReport),external,Diagram.StraightOn)" +
            "Diagram.ThenJoincoordinator)",
            diagram.Find($"#{labelledBy[1]}").TextContent);
        Assert.Equal(["co-authors", "kosovo", "serbia", "serbia-2", "external", "coordinator"], diagram.FindAll("g[data-flow-stage] rect").Select(r => r.ParentElement!.GetAttribute("data-flow-stage")!));
        Assert.Equal(["kosovo", "serbia"], diagram.FindAll("g[data-active]").Select(g => g.GetAttribute("data-flow-stage")!));
        Assert.Single(diagram.FindAll("g[data-flow-stage=research] polygon"));
    }

    [Fact]
    public void No_two_stages_overlap_and_everything_lies_inside_the_drawing()
    {
        var layout = new FlowLayout(Flow, s => s.Id!, s => s.Field!, ("yes", "no"));

        var boxes = layout.Boxes.Select(b => (b.X, b.Y, W: FlowLayout.BoxWidth, H: FlowLayout.BoxHeight))
            .Concat(layout.Diamonds.Select(d => (X: d.CenterX - FlowLayout.DiamondWidth / 2, d.Y, W: FlowLayout.DiamondWidth, H: FlowLayout.DiamondHeight)))
            .ToList();
        Assert.Equal(7, boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            var a = boxes[i];
            Assert.True(a.X >= 0 && a.Y >= 0 && a.X + a.W <= layout.Width && a.Y + a.H <= layout.Height, $"shape {i} outside the drawing");
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var b = boxes[j];
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"shapes {i} and {j} overlap");
            }
        }
    }
}
