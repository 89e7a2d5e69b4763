using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Identity;

namespace Consortium.Portal.Activities.Tests;

public sealed class PlanProgressTests
{
    private static readonly Guid Peja = Guid.NewGuid(), Gjilan = Guid.NewGuid(), NoviPazar = Guid.NewGuid();

    private static HeldEvent Held(EventKind kind, Guid town, PartnerSide side, int participants = 0, params OutputKind[] outputs)
        => new(Guid.NewGuid(), kind, town, side, participants, outputs);

    private static ActivityTarget Target(TargetMeasure measure, int count, EventKind? kind = null, OutputKind? output = null, PartnerSide? side = null)
        => new() { Measure = measure, Count = count, EventKind = kind, OutputKind = output, Side = side };

    [Fact]
    public void Roundtables_count_per_side_so_six_roundtables_four_in_Kosovo_two_in_Serbia_are_two_targets()
    {
        HeldEvent[] held =
        [
            Held(EventKind.Roundtable, Peja, PartnerSide.Kosovo),
            Held(EventKind.Roundtable, Gjilan, PartnerSide.Kosovo),
            Held(EventKind.Roundtable, NoviPazar, PartnerSide.Serbia),
            Held(EventKind.Workshop, Peja, PartnerSide.Kosovo),
        ];

        Assert.Equal(2, PlanProgress.Achieved(Target(TargetMeasure.Events, 4, EventKind.Roundtable, side: PartnerSide.Kosovo), held));
        Assert.Equal(1, PlanProgress.Achieved(Target(TargetMeasure.Events, 2, EventKind.Roundtable, side: PartnerSide.Serbia), held));
        Assert.Equal(4, PlanProgress.Achieved(Target(TargetMeasure.Events, 8), held));
    }

    [Fact]
    public void Towns_count_each_town_once_however_many_events_it_had()
    {
        HeldEvent[] held = [Held(EventKind.Workshop, Peja, PartnerSide.Kosovo), Held(EventKind.Workshop, Peja, PartnerSide.Kosovo), Held(EventKind.Workshop, NoviPazar, PartnerSide.Serbia)];

        Assert.Equal(1, PlanProgress.Achieved(Target(TargetMeasure.Towns, 4, side: PartnerSide.Kosovo), held));
        Assert.Equal(2, PlanProgress.Achieved(Target(TargetMeasure.Towns, 8), held));
    }

    [Fact]
    public void Outputs_of_a_kind_and_participants_add_up_across_events()
    {
        HeldEvent[] held =
        [
            Held(EventKind.Conference, Peja, PartnerSide.Kosovo, 40, OutputKind.ResearchReport, OutputKind.MediaAppearance),
            Held(EventKind.Conference, NoviPazar, PartnerSide.Serbia, 35, OutputKind.ResearchReport),
        ];

        Assert.Equal(2, PlanProgress.Achieved(Target(TargetMeasure.Outputs, 3, output: OutputKind.ResearchReport), held));
        Assert.Equal(75, PlanProgress.Achieved(Target(TargetMeasure.Participants, 200), held));
        Assert.Equal(35, PlanProgress.Achieved(Target(TargetMeasure.Participants, 100, side: PartnerSide.Serbia), held));
    }

    [Fact]
    public void Nothing_held_achieves_nothing_and_a_target_over_reached_counts_as_met_not_more()
    {
        Assert.Equal(0, PlanProgress.Achieved(Target(TargetMeasure.Events, 3), []));
        Assert.Equal(1, PlanProgress.Share(2, 5));
        Assert.Equal(0.5, PlanProgress.Share(4, 2));
    }

    [Fact]
    public void The_progress_of_an_activity_splits_participants_and_events_by_side()
    {
        var activity = new ProjectActivity(Guid.NewGuid(), 9, "Local roundtables", "Tryeza", "Okrugli stolovi", ["AKTIV"], new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31),
            [Target(TargetMeasure.Events, 4, EventKind.Roundtable, side: PartnerSide.Kosovo)]);
        HeldEvent[] held = [Held(EventKind.Roundtable, Peja, PartnerSide.Kosovo, 20), Held(EventKind.Roundtable, NoviPazar, PartnerSide.Serbia, 15, OutputKind.MediaAppearance)];

        var progress = PlanProgress.Of(activity, "Local roundtables", held);

        Assert.Equal((2, 35, 20, 15, 1, 1, 1), (progress.EventsHeld, progress.Participants, progress.ParticipantsKosovo, progress.ParticipantsSerbia, progress.EventsKosovo, progress.EventsSerbia, progress.Outputs));
        Assert.Equal(1, Assert.Single(progress.Targets).Achieved);
    }
}
