using Consortium.Portal.ArchitectureTests.Infrastructure;
using static Consortium.Portal.ArchitectureTests.Infrastructure.PortalLayout;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// A module maps its own tables behind its prefix and points at other modules' data by id only: a navigation or a
/// foreign key to another module's entity would bring that entity, and its table, into the module's model.
/// </summary>
public sealed class ModuleDataTests
{
    [Fact]
    public void Every_module_writes_to_the_shared_outbox_and_audit_log()
    {
        Assert.Contains(PlatformPrefix + "OutboxMessages", ModelRules.SharedTables);
        Assert.Contains(PlatformPrefix + "AuditLog", ModelRules.SharedTables);
    }

    [Theory]
    [MemberData(nameof(ModulesAndPlatform), MemberType = typeof(PortalLayout))]
    public void Module_models_map_only_tables_behind_the_module_prefix_and_no_entity_of_another_module(string module)
    {
        var part = Part(module);
        var prefix = ModelRules.TablePrefix(part);
        // The kernel's entities are not in this list: its shared tables are allowed, its other tables fail the prefix.
        var otherModules = AllModules.Where(p => p.Name != module).SelectMany(p => new[] { p.Contracts, p.Implementation }).ToList();
        var models = ModelRules.ModelsOf(part.Implementation);

        var violations = models.SelectMany(m => ModelRules.Violations(m.Model, prefix, otherModules).Select(v => $"{m.Source}: {v}"));

        RuleAssert.NoViolations(violations);
        Assert.False(string.IsNullOrWhiteSpace(prefix));
        Assert.DoesNotContain(AllModules.Append(PlatformKernel), other => other.Name != module && ModelRules.TablePrefix(other) == prefix);
    }

    [Theory]
    [MemberData(nameof(Modules), MemberType = typeof(PortalLayout))]
    public void Module_saves_a_concurrent_edit_through_the_platform_not_a_catch_of_its_own(string module)
    {
        // The one way is ConcurrentWrites.SaveOrConflictAsync: a module's own catch drifts (one forgets to clear the
        // context, another sends no current state).
        var violations = ArchitectureRules.OwnConcurrencyCatches(Part(module).Implementation);

        RuleAssert.NoViolations(violations);
    }

    [Theory]
    [MemberData(nameof(ModulesAndPlatform), MemberType = typeof(PortalLayout))]
    public void Module_leaves_its_pooled_DbContext_to_the_scope_and_never_disposes_it(string module)
    {
        var violations = ArchitectureRules.DisposedScopeContexts(Part(module).Implementation);

        RuleAssert.NoViolations(violations);
    }

    [Theory]
    [MemberData(nameof(ModulesAndPlatform), MemberType = typeof(PortalLayout))]
    public void Module_declares_its_module_class_so_the_host_finds_it(string module)
    {
        var part = Part(module);

        RuleAssert.NoViolations(ArchitectureRules.UndeclaredModules(part.Implementation).Concat(ArchitectureRules.UndeclaredModules(part.Contracts)));
        Assert.NotEmpty(ModelRules.ModuleClasses(part.Implementation));
    }

    [Fact]
    public void The_host_declares_its_root_module_and_the_migrations_hold_none()
    {
        RuleAssert.NoViolations(ArchitectureRules.UndeclaredModules(HostAssembly).Concat(ArchitectureRules.UndeclaredModules(MigrationsAssembly)));
    }

    [Fact]
    public void Identity_tables_are_checked_through_its_module_class_and_its_DbContext()
    {
        var models = ModelRules.ModelsOf(Part("Identity").Implementation);

        Assert.Contains(models, m => m.Source == "IdentityModule.ConfigureModel" && ModelRules.TableNames(m.Model).Contains("IdentityUsers"));
        Assert.Contains(models, m => m.Source == "PortalIdentityDbContext" && ModelRules.TableNames(m.Model).Contains("IdentityUsers"));
    }

    private const string PlatformPrefix = "Platform";
}
