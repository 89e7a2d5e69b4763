using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Activities.Domain;

/// <summary>
/// An event held under an activity. Its time is wall-clock in its own zone, the instants follow (ZonedTimes). A public
/// event takes registrations up to <see cref="Capacity"/>; <see cref="Confirmed"/> is the number of confirmed places,
/// changed only by one conditional UPDATE so concurrent registrations never overfill it.
/// </summary>
public sealed class ActivityEvent : AggregateRoot<Guid>, IAuditedEntity
{
    private ActivityEvent() { }

    public ActivityEvent(Guid id, Guid activityId) => (Id, ActivityId) = (id, activityId);

    public Guid ActivityId { get; private set; }
    public EventKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime LocalStart { get; set; }
    public DateTime LocalEnd { get; set; }
    public string TimeZone { get; set; } = ActivitiesConsts.DefaultTimeZone;
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public Guid TownId { get; set; }
    public string? Venue { get; set; }
    public List<string> OrganisingPartners { get; set; } = [];
    public List<string> ParticipatingPartners { get; set; } = [];
    public List<string> Speakers { get; set; } = [];
    public string? Agenda { get; set; }
    public bool IsPublic { get; set; }
    public int? Capacity { get; set; }
    public int Confirmed { get; set; }
    public bool IsCancelled { get; set; }

    /// <summary>Why the organisers called the event off, told to its registrants and on the public page.</summary>
    public string? CancellationReason { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    /// <summary>When registrants' personal data was reduced to anonymous counts (the retention job).</summary>
    public DateTime? PersonalDataReducedAtUtc { get; set; }

    public List<EventOutput> Outputs { get; private set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public bool HasEndedBy(DateTime utcNow) => !IsCancelled && EndUtc <= utcNow;

    public void Planned(int activityNumber) => Raise(new ActivityEventPlanned(Id, activityNumber, Title, StartUtc));

    /// <summary>Calls the event off: it takes no more registrations, and its registrants are told why (through the outbox).</summary>
    public void Cancel(string reason, DateTime utcNow)
    {
        IsCancelled = true;
        CancellationReason = reason;
        CancelledAtUtc = utcNow;
        Raise(new ActivityEventCancelled(Id, reason));
    }
}

/// <summary>What an event produced: a publication, material, a media appearance… with its link.</summary>
public sealed class EventOutput : Entity<Guid>
{
    private EventOutput() { }

    public EventOutput(Guid id, Guid eventId, OutputKind kind, string title, string? url) => (Id, EventId, Kind, Title, Url) = (id, eventId, kind, title, url);

    public Guid EventId { get; private set; }
    public OutputKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Url { get; private set; }
}

/// <summary>
/// A Training material or collection the event used, or a workspace document of it: by id only (another module's data),
/// with the title it had when linked so the event page lists it without asking that module.
/// </summary>
public sealed class EventResource : Entity<Guid>
{
    private EventResource() { }

    public EventResource(Guid id, Guid eventId, EventResourceKind kind, Guid targetId, string title, string link, DateTime addedAtUtc)
        => (Id, EventId, Kind, TargetId, Title, Link, AddedAtUtc) = (id, eventId, kind, targetId, title, link, addedAtUtc);

    public Guid EventId { get; private set; }
    public EventResourceKind Kind { get; private set; }
    public Guid TargetId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The page of the material, collection or document, as its own module named it.</summary>
    public string Link { get; private set; } = "";

    public DateTime AddedAtUtc { get; private set; }
}

/// <summary>
/// A photo of the event, kept as a blob of the Platform's blob storage under a name the server made. Photos show
/// people: <see cref="ConsentNote"/> records how those shown agreed (a signed form, announced at the door…); a photo
/// without it is refused.
/// </summary>
public sealed class EventPhoto : Entity<Guid>
{
    private EventPhoto() { }

    public EventPhoto(Guid id, Guid eventId, string blobName, string fileName, string contentType, long size, string consentNote, DateTime addedAtUtc, Guid? addedBy)
        => (Id, EventId, BlobName, FileName, ContentType, Size, ConsentNote, AddedAtUtc, AddedBy) = (id, eventId, blobName, fileName, contentType, size, consentNote, addedAtUtc, addedBy);

    public Guid EventId { get; private set; }
    public string BlobName { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string ConsentNote { get; private set; } = "";
    public DateTime AddedAtUtc { get; private set; }
    public Guid? AddedBy { get; private set; }
}

/// <summary>
/// A person's registration for a public event: personal data, seen only by the event's organisers and the Coordinator,
/// kept until the retention period after the event ends, then reduced to <see cref="AttendanceTally"/> rows.
/// </summary>
public sealed class Registration : Entity<Guid>
{
    private Registration() { }

    public Registration(Guid id, Guid eventId, string name, string email, string? organisation, TargetGroup targetGroup, Gender? gender, AgeGroup? ageGroup,
        RegistrationStatus status, DateTime registeredAtUtc, string tokenHash, string language)
    {
        (Id, EventId, Name, Email, EmailKey, Organisation, TargetGroup, Gender, AgeGroup, Status, RegisteredAtUtc, TokenHash, Language) =
            (id, eventId, name, email, KeyOf(email), organisation, targetGroup, gender, ageGroup, status, registeredAtUtc, tokenHash, language);
    }

    public Guid EventId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>The address folded for the unique key (event, address): one registration per person and event.</summary>
    public string EmailKey { get; private set; } = "";

    public string? Organisation { get; private set; }
    public TargetGroup TargetGroup { get; private set; }
    public Gender? Gender { get; private set; }
    public AgeGroup? AgeGroup { get; private set; }
    public RegistrationStatus Status { get; set; }
    public DateTime RegisteredAtUtc { get; private set; }
    public DateTime? CheckedInAtUtc { get; set; }
    public DateTime? FeedbackGivenAtUtc { get; set; }

    /// <summary>SHA-256 of the registrant's secret link token (cancel, feedback, check-in QR); the token itself is only e-mailed.</summary>
    public string TokenHash { get; private set; } = "";

    public string Language { get; private set; } = "en";

    /// <summary>When the confirmation (or waiting-list) e-mail went out: the outbox handler sends it once.</summary>
    public DateTime? ConfirmationMailedAtUtc { get; set; }

    /// <summary>When the reminder before the event went out (the reminder job sends it once).</summary>
    public DateTime? ReminderMailedAtUtc { get; set; }

    /// <summary>When the registrant was told the event is cancelled.</summary>
    public DateTime? CancellationMailedAtUtc { get; set; }

    public static string KeyOf(string email) => email.Trim().ToUpperInvariant();
}

/// <summary>
/// Anonymous attendance: people counted on the day without names, and what remains of registrations once their
/// personal data is reduced or erased. Counts by the categories donors ask for, never a name.
/// </summary>
public sealed class AttendanceTally : Entity<Guid>
{
    private AttendanceTally() { }

    public AttendanceTally(Guid id, Guid eventId, int count, TargetGroup? targetGroup, Gender? gender, AgeGroup? ageGroup)
        => (Id, EventId, Count, TargetGroup, Gender, AgeGroup) = (id, eventId, count, targetGroup, gender, ageGroup);

    public Guid EventId { get; private set; }
    public int Count { get; private set; }
    public TargetGroup? TargetGroup { get; private set; }
    public Gender? Gender { get; private set; }
    public AgeGroup? AgeGroup { get; private set; }
}

/// <summary>One answer to an event's feedback form; <see cref="RegistrationId"/> is empty when given anonymously.</summary>
public sealed class EventFeedback : Entity<Guid>
{
    private EventFeedback() { }

    public EventFeedback(Guid id, Guid eventId, Guid? registrationId, int rating, string? comment, DateTime givenAtUtc)
        => (Id, EventId, RegistrationId, Rating, Comment, GivenAtUtc) = (id, eventId, registrationId, rating, comment, givenAtUtc);

    public Guid EventId { get; private set; }
    public Guid? RegistrationId { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }
    public DateTime GivenAtUtc { get; private set; }
}
