using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Platform.Tests.Infrastructure;

/// <summary>A small module of the tests' own, so that the platform's SaveChanges behaviour is seen on real aggregates.</summary>
public sealed class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<ForumMeeting> Meetings => Set<ForumMeeting>();
    public DbSet<MeetingInvitation> Invitations => Set<MeetingInvitation>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    protected override void ConfigureModuleModel(ModelBuilder builder)
    {
        // The platform's own tables too, so that one EnsureCreated makes the whole schema the tests need.
        builder.ConfigurePlatform();
        builder.Entity<ForumMeeting>(b =>
        {
            b.ToTable("TestsForumMeetings");
            b.Property(x => x.Title).HasMaxLength(200).IsRequired();
            b.HasIndex(x => x.Title).IsUnique();
        });
        builder.Entity<MeetingInvitation>(b =>
        {
            b.ToTable("TestsMeetingInvitations");
            b.Property(x => x.Email).HasMaxLength(256);
            b.Property(x => x.TokenHash).HasMaxLength(128);
        });
    }
}

[IntegrationEventName("tests.forum-meeting-scheduled")]
public sealed record ForumMeetingScheduled(Guid MeetingId, string Title, DateTime StartsAtUtc) : IIntegrationEvent;

[IntegrationEventName("tests.forum-meeting-moved")]
public sealed record ForumMeetingMoved(Guid MeetingId, DateTime StartsAtUtc) : IIntegrationEvent;

public sealed class ForumMeeting : AggregateRoot<Guid>, IAuditedEntity, ISoftDelete
{
    private ForumMeeting() { }

    public string Title { get; private set; } = "";
    public DateTime StartsAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAtUtc { get; set; }
    public Guid? DeletedBy { get; set; }

    public static ForumMeeting Schedule(string title, DateTime startsAtUtc)
    {
        var meeting = new ForumMeeting { Id = Guid.CreateVersion7(), Title = title, StartsAtUtc = startsAtUtc };
        meeting.Raise(new ForumMeetingScheduled(meeting.Id, title, startsAtUtc));
        return meeting;
    }

    public void MoveTo(DateTime startsAtUtc)
    {
        StartsAtUtc = startsAtUtc;
        Raise(new ForumMeetingMoved(Id, startsAtUtc));
    }

    public void Rename(string title) => Title = title;
}

/// <summary>Carries a secret (the hash of the invitation link's token) that must never reach the audit log.</summary>
public sealed class MeetingInvitation : AggregateRoot<Guid>
{
    public Guid MeetingId { get; set; }
    public string Email { get; set; } = "";
    public string TokenHash { get; set; } = "";
}
