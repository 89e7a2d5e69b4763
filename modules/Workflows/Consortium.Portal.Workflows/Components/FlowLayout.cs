using System.Globalization;

namespace Consortium.Portal.Workflows.Components;

/// <summary>
/// A definition's flow laid out for an SVG drawn on the server: top to bottom (it fits a phone's width better than left
/// to right), approval stages as boxes, a parallel group as a fork bar, its branches side by side and a join bar, a
/// condition as a diamond whose two answers run side by side and meet again below. Every stage has the same width, so
/// the drawing's size follows only from the graph's shape; the SVG scales to the width it is given.
/// </summary>
internal sealed class FlowLayout
{
    public const double BoxWidth = 170, BoxHeight = 44, Gap = 26, ColumnGap = 18, BarHeight = 6, LabelHeight = 18,
        DiamondWidth = 190, DiamondHeight = 64, EmptyWidth = 60, Padding = 12, Terminal = 8;

    public sealed record Box(string StageId, string Title, double X, double Y, bool Active);
    public sealed record Diamond(string StageId, string Title, string Caption, double CenterX, double Y, bool Active);
    public sealed record Bar(double X1, double X2, double Y);
    public sealed record Line(double X1, double Y1, double X2, double Y2, bool Arrow);
    public sealed record Label(double X, double Y, string Text, bool Bold);

    public List<Box> Boxes { get; } = [];
    public List<Diamond> Diamonds { get; } = [];
    public List<Bar> Bars { get; } = [];
    public List<Line> Lines { get; } = [];
    public List<Label> Labels { get; } = [];
    public double Width { get; }
    public double Height { get; }
    /// <summary>The centre of the start (at the top) and of the end (at the bottom).</summary>
    public double CenterX { get; }
    public double StartY { get; }
    public double EndY { get; }

    private readonly Func<WorkflowStageDto, string> _title;
    private readonly Func<WorkflowStageDto, string> _caption;
    private readonly (string Yes, string No) _answers;
    private readonly IReadOnlySet<string> _active;

    /// <param name="title">A stage's name as the reader reads it.</param>
    /// <param name="caption">A condition's test in words ("Type is Research report").</param>
    /// <param name="answers">The words on a condition's two ways.</param>
    public FlowLayout(IReadOnlyList<WorkflowStageDto> stages, Func<WorkflowStageDto, string> title, Func<WorkflowStageDto, string> caption,
        (string Yes, string No) answers, IReadOnlySet<string>? active = null)
    {
        (_title, _caption, _answers, _active) = (title, caption, answers, active ?? new HashSet<string>());
        var (w, h) = Measure(stages);
        Width = Math.Max(w, BoxWidth) + 2 * Padding;
        CenterX = Width / 2;
        StartY = Padding + Terminal;
        var top = StartY + Terminal + Gap;
        Lines.Add(new(CenterX, StartY + Terminal, CenterX, top, true));
        Sequence(stages, Padding + (Width - 2 * Padding - w) / 2, top, w);
        EndY = top + h + Gap + Terminal;
        Lines.Add(new(CenterX, top + h, CenterX, EndY - Terminal, true));
        Height = EndY + Terminal + Padding;
    }

    private static (double W, double H) Measure(IReadOnlyList<WorkflowStageDto>? stages)
    {
        if (stages is not { Count: > 0 })
        {
            return (EmptyWidth, 0);
        }
        var sizes = stages.Select(Measure).ToList();
        return (sizes.Max(s => s.W), sizes.Sum(s => s.H) + Gap * (sizes.Count - 1));
    }

    private static (double W, double H) Measure(WorkflowStageDto stage)
    {
        switch (stage.Kind)
        {
            case StageKind.Parallel:
                var branches = (stage.Branches ?? []).Select(b => Measure(b)).ToList();
                if (branches.Count == 0)
                {
                    return (BoxWidth, LabelHeight + 2 * BarHeight + Gap);
                }
                return (Math.Max(BoxWidth, branches.Sum(b => b.W) + ColumnGap * (branches.Count - 1)),
                    LabelHeight + BarHeight + Gap + branches.Max(b => b.H) + Gap + BarHeight);
            case StageKind.Condition:
                var (yes, no) = (Measure(stage.Then), Measure(stage.Else));
                return (Math.Max(DiamondWidth, yes.W + ColumnGap + no.W), DiamondHeight + Gap + Math.Max(yes.H, no.H) + Gap);
            default:
                return (BoxWidth, BoxHeight);
        }
    }

    /// <summary>Draws <paramref name="stages"/> one under the other, centred in the column at <paramref name="x"/> of width <paramref name="w"/>.</summary>
    private void Sequence(IReadOnlyList<WorkflowStageDto>? stages, double x, double y, double w)
    {
        var centre = x + w / 2;
        var top = y;
        for (var i = 0; i < (stages?.Count ?? 0); i++)
        {
            var (nodeWidth, nodeHeight) = Measure(stages![i]);
            Node(stages[i], centre - nodeWidth / 2, top, nodeWidth, nodeHeight);
            if (i < stages.Count - 1)
            {
                Lines.Add(new(centre, top + nodeHeight, centre, top + nodeHeight + Gap, true));
            }
            top += nodeHeight + Gap;
        }
    }

    private void Node(WorkflowStageDto stage, double x, double y, double w, double h)
    {
        var centre = x + w / 2;
        switch (stage.Kind)
        {
            case StageKind.Parallel:
                Labels.Add(new(centre, y + LabelHeight - 5, _title(stage), _active.Contains(stage.Id ?? "")));
                var branches = stage.Branches ?? [];
                var sizes = branches.Select(b => Measure(b)).ToList();
                var forkY = y + LabelHeight;
                var joinY = y + h - BarHeight;
                var left = x + (w - (sizes.Sum(s => s.W) + ColumnGap * Math.Max(0, sizes.Count - 1))) / 2;
                var centres = new List<double>();
                for (var b = 0; b < branches.Count; b++)
                {
                    var branchCentre = left + sizes[b].W / 2;
                    centres.Add(branchCentre);
                    var top = forkY + BarHeight + Gap;
                    Lines.Add(new(branchCentre, forkY + BarHeight, branchCentre, top, true));
                    Sequence(branches[b], left, top, sizes[b].W);
                    Lines.Add(new(branchCentre, top + sizes[b].H, branchCentre, joinY, false));
                    left += sizes[b].W + ColumnGap;
                }
                var (from, to) = centres.Count > 0 ? (Math.Min(centres.Min(), centre) - 12, Math.Max(centres.Max(), centre) + 12) : (centre - 40, centre + 40);
                Bars.Add(new(from, to, forkY));
                Bars.Add(new(from, to, joinY));
                break;
            case StageKind.Condition:
                Diamonds.Add(new(stage.Id ?? "", _title(stage), _caption(stage), centre, y, _active.Contains(stage.Id ?? "")));
                var (yes, no) = (Measure(stage.Then), Measure(stage.Else));
                var split = y + DiamondHeight;
                var fork = split + Gap / 2;
                var columnTop = split + Gap;
                var merge = y + h - Gap / 2;
                var yesLeft = x + (w - (yes.W + ColumnGap + no.W)) / 2;
                var noLeft = yesLeft + yes.W + ColumnGap;
                var (yesCentre, noCentre) = (yesLeft + yes.W / 2, noLeft + no.W / 2);
                Lines.Add(new(centre, split, centre, fork, false));
                Lines.Add(new(yesCentre, fork, noCentre, fork, false));
                foreach (var (side, left2, size, sideCentre, answer) in new[] { (stage.Then, yesLeft, yes, yesCentre, _answers.Yes), (stage.Else, noLeft, no, noCentre, _answers.No) })
                {
                    Labels.Add(new(sideCentre, fork - 4, answer, false));
                    if (side is { Count: > 0 })
                    {
                        Lines.Add(new(sideCentre, fork, sideCentre, columnTop, true));
                        Sequence(side, left2, columnTop, size.W);
                        Lines.Add(new(sideCentre, columnTop + size.H, sideCentre, merge, false));
                    }
                    else
                    {
                        Lines.Add(new(sideCentre, fork, sideCentre, merge, false));
                    }
                }
                Lines.Add(new(yesCentre, merge, noCentre, merge, false));
                Lines.Add(new(centre, merge, centre, y + h, false));
                break;
            default:
                Boxes.Add(new(stage.Id ?? "", _title(stage), x, y, _active.Contains(stage.Id ?? "")));
                break;
        }
    }

    /// <summary>A text cut to what fits <paramref name="width"/> at the diagram's font size, with an ellipsis when cut.</summary>
    public static string Fit(string text, double width)
    {
        var fits = (int)((width - 12) / 6.6);
        return text.Length <= fits ? text : text[..Math.Max(1, fits - 1)].TrimEnd() + "…";
    }

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
