using System.Globalization;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Activities.Application;

/// <summary>The activity plan, the towns, and progress against the plan.</summary>
internal sealed class ActivityPlan(
    ActivitiesDbContext db,
    TimeProvider clock,
    IValidator<UpdateActivityRequest> updateRules,
    IValidator<AddTownRequest> townRules)
{
    /// <summary>An activity's name in the reader's language (Serbian Cyrillic from the Latin one).</summary>
    public static string NameOf(ProjectActivity activity)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        return culture.StartsWith(PortalCultures.SerbianCyrillic, StringComparison.OrdinalIgnoreCase)
            ? SerbianTransliterator.ToCyrillic(activity.NameSrLatn)
            : activity.NameIn(culture);
    }

    /// <summary>
    /// A town's name in the reader's language: Serbian Cyrillic from its Serbian Latin name; a town with only the name
    /// someone typed shows it as typed, in Cyrillic too (it may be in either script, or Albanian).
    /// </summary>
    public static string NameOf(Town town)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        return culture.StartsWith(PortalCultures.SerbianCyrillic, StringComparison.OrdinalIgnoreCase) && town.NameSrLatn is { } latin
            ? SerbianTransliterator.ToCyrillic(latin)
            : town.NameIn(culture);
    }

    public static TownDto ToDto(Town t) => new(t.Id, t.Name, t.Side, NameOf(t));

    public static ActivityDto ToDto(ProjectActivity a) => new(a.Id, a.Number, NameOf(a), a.NameEn, a.NameSq, a.NameSrLatn, a.LeadPartners,
        a.StartsOn, a.EndsOn, a.Targets.Select(t => t.ToDto()).ToList(), a.ConcurrencyStamp);

    public async Task<IReadOnlyList<ActivityDto>> ListAsync(CancellationToken cancellationToken = default)
        => (await db.Activities.AsNoTracking().OrderBy(a => a.Number).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async Task<ActivityDto> UpdateAsync(Guid activityId, UpdateActivityRequest request, CancellationToken cancellationToken = default)
    {
        await updateRules.EnsureValidAsync(request, cancellationToken);
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(ProjectActivity), activityId);
        // A stale edit is refused even when it changes nothing, so the editor learns what the plan says now.
        var stamp = request.ConcurrencyStamp!.Value;
        if (activity.ConcurrencyStamp != stamp)
        {
            throw new ConcurrencyConflictException(nameof(ProjectActivity), activityId, ToDto(activity));
        }
        db.ExpectConcurrencyStamp(activity, stamp);
        activity.Update(request.NameEn!.Trim(), request.NameSq!.Trim(), request.NameSrLatn!.Trim(),
            request.LeadPartners!.Select(p => p.Trim()), request.StartsOn, request.EndsOn, request.Targets!.Select(ActivityTarget.Of));
        // The targets are owned JSON: a change to them alone leaves the row unmodified, and its stamp would not be renewed.
        db.Entry(activity).State = EntityState.Modified;
        await db.SaveOrConflictAsync(nameof(ProjectActivity), activityId, async ct =>
            ToDto(await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activityId, ct)), cancellationToken);
        return ToDto(activity);
    }

    /// <summary>The towns by side, then by the name the reader reads (ordered here: the database knows neither the language nor its alphabet).</summary>
    public async Task<IReadOnlyList<TownDto>> TownsAsync(CancellationToken cancellationToken = default)
        => (await db.Towns.AsNoTracking().ToListAsync(cancellationToken)).Select(ToDto)
            .OrderBy(t => t.Side).ThenBy(t => t.LocalName, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ToList();

    /// <summary>A town the portal did not know, with its side; the same name twice is the same town (a 409 on a race).</summary>
    public async Task<TownDto> AddTownAsync(AddTownRequest request, CancellationToken cancellationToken = default)
    {
        await townRules.EnsureValidAsync(request, cancellationToken);
        var town = await AddOrFindTownAsync(request.Name!, request.Side!.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(town);
    }

    /// <summary>Adds the town to the context unless it is known; a known town keeps its side.</summary>
    public async Task<Town> AddOrFindTownAsync(string name, PartnerSide side, CancellationToken cancellationToken)
    {
        if (await FindTownAsync(name, cancellationToken) is { } known)
        {
            return known;
        }
        var town = new Town(Guid.CreateVersion7(), name.Trim(), side);
        db.Towns.Add(town);
        return town;
    }

    /// <summary>
    /// The known town a typed name means: its stable name, or a plan town's Albanian or Serbian name in either script, so
    /// a reader who types "Pejë" or "Пећ" gets Peja and not a second town of the same place.
    /// </summary>
    public async Task<Town?> FindTownAsync(string name, CancellationToken cancellationToken)
    {
        var key = Town.KeyOf(name);
        if (await db.Towns.SingleOrDefaultAsync(t => t.NameKey == key, cancellationToken) is { } known)
        {
            return known;
        }
        // Only the plan's towns have other names, about a dozen rows. They are compared here, not in SQL: SQLite's upper()
        // folds ASCII letters only, so "PEJË" and "ПЕЋ" would not meet "Pejë" and "Пећ" there.
        var named = await db.Towns.Where(t => t.NameSq != null || t.NameSrLatn != null).ToListAsync(cancellationToken);
        return named.FirstOrDefault(t => t.IsCalled(key));
    }

    /// <summary>Per activity, targets against what the events held up to now achieved.</summary>
    public async Task<IReadOnlyList<ActivityProgressDto>> ProgressAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var activities = await db.Activities.AsNoTracking().OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var held = await HeldEventsAsync(from, to, cancellationToken);
        return activities.Select(a => PlanProgress.Of(a, NameOf(a), held.Where(h => h.ActivityId == a.Id).Select(h => h.Event).ToList())).ToList();
    }

    internal async Task<IReadOnlyList<(Guid ActivityId, HeldEvent Event)>> HeldEventsAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Events.AsNoTracking().Where(e => !e.IsCancelled && e.EndUtc <= now);
        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.StartUtc >= start);
        }
        if (to is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.StartUtc < end);
        }
        var events = await query.Select(e => new { e.Id, e.ActivityId, e.Kind, e.TownId, Outputs = e.Outputs.Select(o => o.Kind).ToList() }).ToListAsync(cancellationToken);
        var ids = events.Select(e => e.Id).ToList();
        var towns = await db.Towns.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Side, cancellationToken);
        var participants = await ParticipantsAsync(ids, cancellationToken);
        return events.Select(e => (e.ActivityId, new HeldEvent(e.Id, e.Kind, e.TownId, towns.GetValueOrDefault(e.TownId), participants.GetValueOrDefault(e.Id), e.Outputs))).ToList();
    }

    /// <summary>People who attended: checked-in registrations plus anonymous tallies.</summary>
    internal async Task<Dictionary<Guid, int>> ParticipantsAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        var checkedIn = await db.Registrations.AsNoTracking().Where(r => eventIds.Contains(r.EventId) && r.CheckedInAtUtc != null)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var tallied = await db.Tallies.AsNoTracking().Where(t => eventIds.Contains(t.EventId))
            .GroupBy(t => t.EventId).Select(g => new { g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
        return checkedIn.Concat(tallied).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
    }
}
