using Consortium.Portal.Platform.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Data;

public static class WorkflowsDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "Workflows";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<WorkflowDefinition> Definitions => Set<WorkflowDefinition>();
    public DbSet<WorkflowDefinitionDraft> Drafts => Set<WorkflowDefinitionDraft>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<WorkflowTask> Tasks => Set<WorkflowTask>();
    public DbSet<WorkflowJournalEntry> Journal => Set<WorkflowJournalEntry>();
    public DbSet<WorkflowIncident> Incidents => Set<WorkflowIncident>();
    public DbSet<WorkflowDelegation> Delegations => Set<WorkflowDelegation>();

    /// <summary>Delegations to <paramref name="delegateId"/> in force at <paramref name="nowUtc"/>.</summary>
    public IQueryable<WorkflowDelegation> DelegationsTo(Guid delegateId, DateTime nowUtc)
        => Delegations.Where(d => d.DelegateId == delegateId && d.RevokedAtUtc == null && d.FromUtc <= nowUtc && nowUtc < d.ToUtc);

    /// <summary>An instance whole: the engine works on its tasks, incidents and journal together.</summary>
    public IQueryable<WorkflowInstance> WholeInstances => Instances.Include(i => i.Tasks).Include(i => i.Incidents).Include(i => i.Journal).AsSplitQuery();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureWorkflowsModule();
}

public static class WorkflowsModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigureWorkflowsModule(this ModelBuilder builder)
    {
        const string p = WorkflowsDbProperties.TablePrefix;
        builder.Entity<WorkflowDefinition>(b =>
        {
            b.ToTable(p + "Definitions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Key).HasMaxLength(WorkflowsConsts.MaxKeyLength).IsRequired();
            b.Property(x => x.NameEn).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSq).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSrLatn).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSrCyrl).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.SubjectType).HasMaxLength(WorkflowsConsts.MaxSubjectTypeLength);
            b.Property(x => x.StagesJson).IsRequired();
            // Two coordinators publishing at once: one gets the next number, the other a conflict.
            b.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            b.Ignore(x => x.Name);
            b.Ignore(x => x.Stages);
        });
        builder.Entity<WorkflowDefinitionDraft>(b =>
        {
            b.ToTable(p + "DefinitionDrafts");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Key).HasMaxLength(WorkflowsConsts.MaxKeyLength).IsRequired();
            b.Property(x => x.NameEn).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSq).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSrLatn).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.NameSrCyrl).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.SubjectType).HasMaxLength(WorkflowsConsts.MaxSubjectTypeLength);
            b.Property(x => x.StagesJson).IsRequired();
            // One draft per definition: two coordinators starting one at once, the second gets a conflict.
            b.HasIndex(x => x.Key).IsUnique();
            b.Ignore(x => x.Name);
            b.Ignore(x => x.Stages);
            b.Ignore(x => x.Saved);
        });
        builder.Entity<WorkflowInstance>(b =>
        {
            b.ToTable(p + "Instances");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.DefinitionKey).HasMaxLength(WorkflowsConsts.MaxKeyLength).IsRequired();
            b.Property(x => x.SubjectType).HasMaxLength(WorkflowsConsts.MaxSubjectTypeLength).IsRequired();
            b.Property(x => x.SubjectTitle).HasMaxLength(WorkflowsConsts.MaxNameLength).IsRequired();
            b.Property(x => x.SubjectLink).HasMaxLength(1024);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.RunningKey).HasMaxLength(WorkflowsConsts.MaxSubjectTypeLength + 40);
            b.Property(x => x.ActiveStageIds).HasMaxLength(4000).IsRequired();
            b.Property(x => x.FinishedStageIds).HasMaxLength(8000).IsRequired();
            b.Property(x => x.ChangesRequestedStageId).HasMaxLength(WorkflowsConsts.MaxStageIdLength);
            // One running workflow per subject: the key is null once the workflow ended, and nulls do not collide.
            b.HasIndex(x => x.RunningKey).IsUnique();
            b.HasIndex(x => new { x.SubjectType, x.SubjectId });
            b.HasIndex(x => new { x.Status, x.StartedAtUtc });
            b.HasIndex(x => x.NextTimerAtUtc);
            b.HasMany(x => x.Tasks).WithOne().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Journal).WithOne().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Incidents).WithOne().HasForeignKey(i => i.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.Ignore(x => x.ActiveStages);
            b.Ignore(x => x.FinishedStages);
            b.Ignore(x => x.OpenTasks);
            b.Ignore(x => x.HasEnded);
        });
        builder.Entity<WorkflowTask>(b =>
        {
            b.ToTable(p + "Tasks");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.StageId).HasMaxLength(WorkflowsConsts.MaxStageIdLength).IsRequired();
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.AssigneeSide).HasConversion<string>().HasMaxLength(16);
            // The inbox: a user's open tasks, soonest due first.
            b.HasIndex(x => new { x.AssigneeId, x.Status, x.DueAtUtc });
        });
        builder.Entity<WorkflowJournalEntry>(b =>
        {
            b.ToTable(p + "JournalEntries");
            // The journal is itself the record of who did what; the instance's own changes are audited.
            b.ExcludeFromAuditLog();
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.StageId).HasMaxLength(WorkflowsConsts.MaxStageIdLength);
            b.Property(x => x.Comment).HasMaxLength(WorkflowsConsts.MaxCommentLength);
            b.Property(x => x.Detail).HasMaxLength(200);
            b.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
            // The same action id twice in one instance cannot be stored, whatever the application did.
            b.HasIndex(x => new { x.InstanceId, x.ActionId }).IsUnique();
        });
        builder.Entity<WorkflowIncident>(b =>
        {
            b.ToTable(p + "Incidents");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.StageId).HasMaxLength(WorkflowsConsts.MaxStageIdLength).IsRequired();
            b.Property(x => x.ReasonKey).HasMaxLength(64).IsRequired();
            b.HasIndex(x => x.ResolvedAtUtc);
            b.Ignore(x => x.IsResolved);
        });
        builder.Entity<WorkflowDelegation>(b =>
        {
            b.ToTable(p + "Delegations");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.HasIndex(x => new { x.DelegateId, x.ToUtc });
            b.HasIndex(x => new { x.DelegatorId, x.ToUtc });
        });
        return builder;
    }
}
