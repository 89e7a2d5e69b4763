using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Reports;

/// <summary>
/// One event of a donor report, with its participants by category and its outputs. <see cref="Town"/> is in the
/// reader's language, <see cref="TownStableName"/> the town's stable name (the CSV's, read the same in any language).
/// </summary>
public sealed record ReportEvent(DateTime StartUtc, DateTime LocalStart, string TimeZone, EventKind Kind, string Title, string Town, string TownStableName, PartnerSide Side,
    IReadOnlyList<string> Organisers, int Participants, int Female, int Male, int OtherOrNotGiven,
    IReadOnlyDictionary<TargetGroup, int> ByTargetGroup, IReadOnlyList<EventOutputDto> Outputs, IReadOnlyDictionary<AgeGroup, int> ByAgeGroup)
{
    /// <summary>Participants whose age group was not given (optional on the form, unknown for counted people).</summary>
    public int AgeNotGiven => Participants - ByAgeGroup.Values.Sum();
}

public sealed record ReportActivity(int Number, string Name, IReadOnlyList<string> LeadPartners, IReadOnlyList<TargetProgressDto> Targets, IReadOnlyList<ReportEvent> Events)
{
    public int Participants => Events.Sum(e => e.Participants);
    public int Female => Events.Sum(e => e.Female);
    public int Male => Events.Sum(e => e.Male);
    public int Kosovo => Events.Where(e => e.Side == PartnerSide.Kosovo).Sum(e => e.Participants);
    public int Serbia => Events.Where(e => e.Side == PartnerSide.Serbia).Sum(e => e.Participants);
    public int Outputs => Events.Sum(e => e.Outputs.Count);
}

/// <summary>A donor report for a period: the activities in plan order with the events held in it.</summary>
public sealed record DonorReport(DateOnly From, DateOnly To, IReadOnlyList<ReportActivity> Activities)
{
    public int Events => Activities.Sum(a => a.Events.Count);
    public int Participants => Activities.Sum(a => a.Participants);
}

/// <summary>Reads a donor report from the database: held events only, attendance from check-ins and tallies alike.</summary>
internal sealed class DonorReports(ActivitiesDbContext db, ActivityPlan plan, ActivityEvents events, TimeProvider clock, IStringLocalizer<ActivitiesResource> text)
{
    public async Task<DonorReport> ReadAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (end < start)
        {
            throw Platform.Domain.RequestValidationException.For("to", text["Validation.PeriodEndsBeforeStart"]);
        }
        var activities = await db.Activities.AsNoTracking().OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var held = await plan.HeldEventsAsync(start, end, cancellationToken);
        var heldIds = held.Select(h => h.Event.Id).ToList();
        var rows = await db.Events.AsNoTracking().Where(e => heldIds.Contains(e.Id)).OrderBy(e => e.StartUtc).ToListAsync(cancellationToken);
        var towns = await db.Towns.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var result = new List<ReportActivity>();
        foreach (var activity in activities)
        {
            var mine = held.Where(h => h.ActivityId == activity.Id).Select(h => h.Event).ToList();
            var reportEvents = new List<ReportEvent>();
            foreach (var e in rows.Where(r => r.ActivityId == activity.Id))
            {
                var lines = await events.AttendanceLinesAsync([e.Id], cancellationToken);
                var town = towns[e.TownId];
                reportEvents.Add(new ReportEvent(e.StartUtc, e.LocalStart, e.TimeZone, e.Kind, e.Title, ActivityPlan.NameOf(town), town.Name, town.Side, e.OrganisingPartners,
                    lines.Sum(l => l.Count), lines.Where(l => l.Gender == Gender.Female).Sum(l => l.Count), lines.Where(l => l.Gender == Gender.Male).Sum(l => l.Count),
                    lines.Where(l => l.Gender is null or Gender.Other).Sum(l => l.Count),
                    Enum.GetValues<TargetGroup>().ToDictionary(g => g, g => lines.Where(l => l.TargetGroup == g).Sum(l => l.Count)),
                    e.Outputs.OrderBy(o => o.Title).Select(o => new EventOutputDto(o.Id, o.Kind, o.Title, o.Url)).ToList(),
                    Enum.GetValues<AgeGroup>().ToDictionary(g => g, g => lines.Where(l => l.AgeGroup == g).Sum(l => l.Count))));
            }
            var progress = PlanProgress.Of(activity, ActivityPlan.NameOf(activity), mine);
            result.Add(new ReportActivity(activity.Number, progress.Name, activity.LeadPartners, progress.Targets, reportEvents));
        }
        return new DonorReport(start, end, result);
    }
}
