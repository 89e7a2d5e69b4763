using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Activities.Data;

public static class ActivitiesDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "Activities";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class ActivitiesDbContext(DbContextOptions<ActivitiesDbContext> options) : ModuleDbContext(options)
{
    public DbSet<ProjectActivity> Activities => Set<ProjectActivity>();
    public DbSet<Town> Towns => Set<Town>();
    public DbSet<ActivityEvent> Events => Set<ActivityEvent>();
    public DbSet<EventOutput> Outputs => Set<EventOutput>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<AttendanceTally> Tallies => Set<AttendanceTally>();
    public DbSet<EventFeedback> Feedback => Set<EventFeedback>();
    public DbSet<EventResource> Resources => Set<EventResource>();
    public DbSet<EventPhoto> Photos => Set<EventPhoto>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureActivitiesModule();
}

public static class ActivitiesModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigureActivitiesModule(this ModelBuilder builder)
    {
        const string p = ActivitiesDbProperties.TablePrefix;
        builder.Entity<ProjectActivity>(b =>
        {
            b.ToTable(p + "Plan");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.HasIndex(x => x.Number).IsUnique();
            b.Property(x => x.NameEn).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSq).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSrLatn).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            // The targets belong to their activity and are edited with it: one JSON column, no table of their own.
            b.OwnsMany(x => x.Targets, t => t.ToJson());
        });
        builder.Entity<Town>(b =>
        {
            b.ToTable(p + "Towns");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Name).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameKey).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSq).HasMaxLength(ActivitiesConsts.MaxNameLength);
            b.Property(x => x.NameSrLatn).HasMaxLength(ActivitiesConsts.MaxNameLength);
            b.HasIndex(x => x.NameKey).IsUnique();
        });
        builder.Entity<ActivityEvent>(b =>
        {
            b.ToTable(p + "Events");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Title).HasMaxLength(ActivitiesConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Description).HasMaxLength(ActivitiesConsts.MaxTextLength);
            b.Property(x => x.Agenda).HasMaxLength(ActivitiesConsts.MaxTextLength);
            b.Property(x => x.Venue).HasMaxLength(ActivitiesConsts.MaxVenueLength);
            b.Property(x => x.TimeZone).HasMaxLength(64).IsRequired();
            b.Property(x => x.CancellationReason).HasMaxLength(ActivitiesConsts.MaxCommentLength);
            b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            b.HasIndex(x => new { x.ActivityId, x.StartUtc });
            b.HasIndex(x => x.StartUtc);
            b.HasMany(x => x.Outputs).WithOne().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(x => x.Outputs).AutoInclude();
        });
        builder.Entity<EventOutput>(b =>
        {
            b.ToTable(p + "Outputs");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Title).HasMaxLength(ActivitiesConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Url).HasMaxLength(ActivitiesConsts.MaxUrlLength);
        });
        builder.Entity<Registration>(b =>
        {
            b.ToTable(p + "Registrations");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Name).HasMaxLength(ActivitiesConsts.MaxNameLength).IsRequired();
            b.Property(x => x.Email).HasMaxLength(ActivitiesConsts.MaxEmailLength).IsRequired();
            b.Property(x => x.EmailKey).HasMaxLength(ActivitiesConsts.MaxEmailLength).IsRequired();
            b.Property(x => x.Organisation).HasMaxLength(ActivitiesConsts.MaxNameLength);
            b.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            b.Property(x => x.Language).HasMaxLength(16).IsRequired();
            // One registration per address and event, whatever two requests do at once.
            b.HasIndex(x => new { x.EventId, x.EmailKey }).IsUnique();
            b.HasIndex(x => x.TokenHash).IsUnique();
            b.HasIndex(x => x.EmailKey);
        });
        builder.Entity<AttendanceTally>(b =>
        {
            b.ToTable(p + "AttendanceTallies");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.HasIndex(x => x.EventId);
        });
        builder.Entity<EventFeedback>(b =>
        {
            b.ToTable(p + "Feedback");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Comment).HasMaxLength(ActivitiesConsts.MaxCommentLength);
            b.HasIndex(x => x.EventId);
        });
        builder.Entity<EventResource>(b =>
        {
            b.ToTable(p + "EventResources");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.Title).HasMaxLength(ActivitiesConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Link).HasMaxLength(ActivitiesConsts.MaxUrlLength).IsRequired();
            // Once per event; and "which events used this material" reads by target.
            b.HasIndex(x => new { x.EventId, x.Kind, x.TargetId }).IsUnique();
            b.HasIndex(x => x.TargetId);
        });
        builder.Entity<EventPhoto>(b =>
        {
            b.ToTable(p + "EventPhotos");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.BlobName).HasMaxLength(200).IsRequired();
            b.Property(x => x.FileName).HasMaxLength(ActivitiesConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
            b.Property(x => x.ConsentNote).HasMaxLength(ActivitiesConsts.MaxCommentLength).IsRequired();
            b.HasIndex(x => x.EventId);
        });
        return builder;
    }
}
