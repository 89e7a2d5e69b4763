using Consortium.Portal.Platform.Data;
using Consortium.Portal.Meetings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Meetings.Data;

public static class MeetingsDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "Meetings";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<ForumMeeting> Meetings => Set<ForumMeeting>();
    public DbSet<MeetingParticipant> Participants => Set<MeetingParticipant>();
    public DbSet<MeetingSeries> Series => Set<MeetingSeries>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    /// <summary>A meeting with everything its page shows.</summary>
    public IQueryable<ForumMeeting> WholeMeetings => Meetings
        .Include(m => m.Invitees).Include(m => m.Participants).Include(m => m.Agenda)
        .Include(m => m.Attendees).Include(m => m.History)
        .AsSplitQuery();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureMeetingsModule();
}

public static class MeetingsModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigureMeetingsModule(this ModelBuilder builder)
    {
        const string p = MeetingsDbProperties.TablePrefix;
        builder.Entity<ForumMeeting>(b =>
        {
            b.ToTable(p + "Meetings");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Title).HasMaxLength(MeetingsConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Description).HasMaxLength(MeetingsConsts.MaxDescriptionLength);
            b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Template).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.TimeZoneId).HasMaxLength(64).IsRequired();
            b.Property(x => x.Place).HasMaxLength(MeetingsConsts.MaxPlaceLength);
            b.Property(x => x.Town).HasMaxLength(MeetingsConsts.MaxPlaceLength);
            b.Property(x => x.OnlineLink).HasMaxLength(MeetingsConsts.MaxLinkLength);
            b.Ignore(x => x.Slot);
            b.Ignore(x => x.IsAnnounced);
            b.HasIndex(x => new { x.WorkspaceId, x.StartUtc });
            b.HasIndex(x => new { x.SeriesId, x.StartUtc });
            b.HasIndex(x => new { x.State, x.StartUtc });
            b.HasMany(x => x.Invitees).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Attendees).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<MeetingInvitee>(b =>
        {
            b.ToTable(p + "Invitees");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        });
        builder.Entity<MeetingParticipant>(b =>
        {
            b.ToTable(p + "Participants");
            b.HasKey(x => new { x.MeetingId, x.UserId });
            b.Property(x => x.Answer).HasConversion<string>().HasMaxLength(8);
            b.Property(x => x.Note).HasMaxLength(MeetingsConsts.MaxNoteLength);
            // The personal feed and "my meetings" start from the user.
            b.HasIndex(x => x.UserId);
        });
        builder.Entity<AgendaItem>(b =>
        {
            b.ToTable(p + "AgendaItems");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Title).HasMaxLength(MeetingsConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Description).HasMaxLength(MeetingsConsts.MaxMinutesLength);
            b.Property(x => x.MinutesText).HasMaxLength(MeetingsConsts.MaxMinutesLength).IsRequired();
            // Two writers of the same item's minutes: the one whose stamp is stale loses in the database too.
            b.Property(x => x.MinutesStamp).IsConcurrencyToken();
            b.PrimitiveCollection(x => x.DocumentIds);
        });
        builder.Entity<MeetingAttendee>(b =>
        {
            b.ToTable(p + "Attendees");
            b.HasKey(x => new { x.MeetingId, x.UserId });
            b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
        });
        builder.Entity<MeetingHistoryEntry>(b =>
        {
            b.ToTable(p + "History");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Note).HasMaxLength(MeetingsConsts.MaxNoteLength);
        });
        builder.Entity<MeetingSeries>(b =>
        {
            b.ToTable(p + "Series");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Frequency).HasConversion<string>().HasMaxLength(24);
            b.PrimitiveCollection(x => x.Exceptions);
        });
        builder.Entity<Decision>(b =>
        {
            b.ToTable(p + "Decisions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Code).HasMaxLength(32).IsRequired();
            b.Property(x => x.Text).HasMaxLength(MeetingsConsts.MaxDecisionLength).IsRequired();
            b.Property(x => x.SearchText).HasMaxLength(MeetingsConsts.MaxDecisionLength + 64).IsRequired();
            b.HasIndex(x => new { x.WorkspaceId, x.Year, x.Number }).IsUnique();
            b.HasIndex(x => x.MeetingId);
            b.HasIndex(x => new { x.WorkspaceId, x.DecidedAtUtc });
            // The register's order (newest first, across the reader's workspaces): a search reads it in that order and
            // stops once the page is full, instead of reading every visible decision and sorting them.
            b.HasIndex(x => new { x.DecidedAtUtc, x.Number });
        });
        builder.Entity<ActionItem>(b =>
        {
            b.ToTable(p + "ActionItems");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.What).HasMaxLength(MeetingsConsts.MaxDecisionLength).IsRequired();
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
            b.Property(x => x.ClosingNote).HasMaxLength(MeetingsConsts.MaxNoteLength);
            b.HasIndex(x => new { x.OwnerId, x.Status, x.Due });
            b.HasIndex(x => new { x.WorkspaceId, x.Status });
            b.HasIndex(x => x.MeetingId);
        });
        builder.Entity<CalendarFeed>(b =>
        {
            b.ToTable(p + "CalendarFeeds");
            b.HasKey(x => x.UserId);
            b.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            b.HasIndex(x => x.TokenHash).IsUnique();
        });
        return builder;
    }
}
