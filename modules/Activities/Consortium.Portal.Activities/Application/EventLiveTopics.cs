using Consortium.Portal.Activities.Data;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// Open event pages hear of the event's changes (<see cref="EventChanges"/>) through the notifications hub: a
/// connection joins an event's group only when its user may see the plan (<see cref="ActivitiesPermissions.Plan.View"/>),
/// the event page's own rule, and the event exists.
/// </summary>
internal sealed class EventLiveTopic(ActivitiesDbContext db, IUserPermissionChecker permissions) : ILiveTopic
{
    public const string TopicName = "activities.event";

    public string Name => TopicName;

    public async Task<bool> MayWatchAsync(Guid userId, Guid subjectId, CancellationToken cancellationToken)
        => await db.Events.AsNoTracking().AnyAsync(e => e.Id == subjectId, cancellationToken)
           && await permissions.IsGrantedAsync(userId, ActivitiesPermissions.Plan.View, cancellationToken);
}

/// <summary>
/// The events list (the Events tab of <c>/activities</c>), one subject for every event: it shows each event's places
/// taken and waiting, so it hears of every event's change, by the same rule as an event's page.
/// </summary>
internal sealed class EventListLiveTopic(IUserPermissionChecker permissions) : ILiveTopic
{
    public const string TopicName = "activities.events";

    /// <summary>The list's one subject id: there is one list, whoever reads it.</summary>
    public static readonly Guid ListId = new("5b1e7c52-9a0d-4f3e-8c61-2d7f4a9e0b13");

    public string Name => TopicName;

    public async Task<bool> MayWatchAsync(Guid userId, Guid subjectId, CancellationToken cancellationToken)
        => subjectId == ListId && await permissions.IsGrantedAsync(userId, ActivitiesPermissions.Plan.View, cancellationToken);
}

/// <summary>What changed on an event, as its open pages and the events list are told (after the change is committed).</summary>
internal static class EventChanges
{
    /// <summary>Its details (title, time, place, places…), its cancellation, or its outputs.</summary>
    public const string Details = "details";

    /// <summary>Someone registered, cancelled, moved up from the waiting list or was erased: the places taken and waiting.</summary>
    public const string Registrations = "registrations";

    /// <summary>Someone checked in, or people were counted without names.</summary>
    public const string Attendance = "attendance";

    /// <summary>Its materials, documents or photos.</summary>
    public const string Resources = "resources";

    /// <summary>A registrant's feedback.</summary>
    public const string Feedback = "feedback";

    /// <summary>
    /// Tells the event's open pages and, for what the list shows (details, places), the open events lists; never throws
    /// (see <see cref="ILiveChanges"/>).
    /// </summary>
    public static async Task EventChangedAsync(this ILiveChanges live, Guid eventId, string change)
    {
        await live.PublishAsync(EventLiveTopic.TopicName, eventId, change);
        if (change is Details or Registrations)
        {
            await live.PublishAsync(EventListLiveTopic.TopicName, EventListLiveTopic.ListId, change);
        }
    }
}
