using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Notifications.Data;

public static class NotificationsDbProperties
{
    public const string TablePrefix = "Notifications";
}

/// <summary>The Notifications module's view of the database: its inbox, preferences and digest runs.</summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureNotificationsModule();
}

public static class NotificationsModelBuilderExtensions
{
    /// <summary>Every table of the Notifications module, behind its prefix.</summary>
    public static ModelBuilder ConfigureNotificationsModule(this ModelBuilder builder)
    {
        const string p = NotificationsDbProperties.TablePrefix;
        builder.Entity<Notification>(b =>
        {
            b.ToTable(p + "Inbox");
            b.ExcludeFromAuditLog();
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Type).HasMaxLength(NotificationTypeDefinition.MaxNameLength).IsRequired();
            b.Property(x => x.Module).HasMaxLength(NotificationTypeDefinition.MaxNameLength).IsRequired();
            b.Property(x => x.ParametersJson).IsRequired();
            b.Property(x => x.Link).HasMaxLength(NotificationRequest.MaxLinkLength);
            b.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(24);
            b.Property(x => x.EmailState).HasConversion<string>().HasMaxLength(24);
            b.Property(x => x.EmailError).HasMaxLength(Notification.MaxEmailErrorLength);
            b.Ignore(x => x.Parameters);
            b.Ignore(x => x.Actions);
            b.Ignore(x => x.IsRead);
            // A redelivered outbox message finds what it created the first time.
            b.HasIndex(x => new { x.SourceMessageId, x.RecipientId, x.Type }).IsUnique();
            b.HasIndex(x => new { x.RecipientId, x.CreatedAtUtc });
            b.HasIndex(x => new { x.RecipientId, x.ReadAtUtc });
            b.HasIndex(x => new { x.Delivery, x.EmailState });
        });
        builder.Entity<NotificationPreference>(b =>
        {
            b.ToTable(p + "Preferences");
            b.HasKey(x => new { x.UserId, x.Type });
            b.Property(x => x.Type).HasMaxLength(NotificationTypeDefinition.MaxNameLength);
            b.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(24);
        });
        builder.Entity<DigestRun>(b =>
        {
            b.ToTable(p + "DigestRuns");
            b.ExcludeFromAuditLog();
            b.HasKey(x => new { x.UserId, x.LocalDate });
        });
        return builder;
    }
}
