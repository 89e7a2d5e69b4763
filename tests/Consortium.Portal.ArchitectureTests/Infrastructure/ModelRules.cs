using System.Reflection;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

/// <summary>
/// A module's part of the database, as it is used: the model its module class contributes to the migrations, and the
/// model of each DbContext it works through at run time. Both must keep to the module's table prefix (plus the
/// platform's outbox and audit log, which every module writes in its own transactions), and neither may contain
/// another module's entities: a navigation or a foreign key to one would pull it in.
/// </summary>
public static class ModelRules
{
    /// <summary>The tables every module's DbContext maps besides its own.</summary>
    public static IReadOnlySet<string> SharedTables { get; } = TableNames(BuildModel(b => b.ConfigurePlatformSharedTables()));

    /// <summary>
    /// The module's table prefix: <c>{Module}DbProperties.TablePrefix</c> where the module declares one (ABP's
    /// convention, so it can be changed), otherwise the module's name.
    /// </summary>
    public static string TablePrefix(PortalPart part)
    {
        var properties = new[] { part.Implementation, part.Contracts }
            .SelectMany(ArchitectureRules.LoadableTypes)
            .FirstOrDefault(t => t.Name == part.Name + "DbProperties");
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var prefix = properties?.GetField("TablePrefix", statics)?.GetValue(null) as string
            ?? properties?.GetProperty("TablePrefix", statics)?.GetValue(null) as string;
        return prefix ?? part.Name;
    }

    /// <summary>The models a module's implementation defines, by where they come from.</summary>
    public static IReadOnlyList<(string Source, IReadOnlyModel Model)> ModelsOf(Assembly implementation)
    {
        var models = new List<(string, IReadOnlyModel)>();
        foreach (var moduleType in ModuleClasses(implementation))
        {
            var module = (PortalModule)Activator.CreateInstance(moduleType, nonPublic: true)!;
            models.Add(($"{moduleType.Name}.ConfigureModel", BuildModel(module.ConfigureModel)));
        }
        foreach (var contextType in RuntimeDbContexts(implementation))
        {
            models.Add((contextType.Name, ModelOf(contextType)));
        }
        return models;
    }

    public static IReadOnlyList<Type> ModuleClasses(Assembly implementation) =>
        ArchitectureRules.LoadableTypes(implementation)
            .Where(t => t.IsSubclassOf(typeof(PortalModule)) && !t.IsAbstract)
            .ToList();

    /// <summary>
    /// DbContexts the module works through: those built from options, as dependency injection builds them. A helper
    /// context the module keeps to itself (built without options) is not one.
    /// </summary>
    public static IReadOnlyList<Type> RuntimeDbContexts(Assembly implementation) =>
        ArchitectureRules.LoadableTypes(implementation)
            .Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract)
            .Where(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(c => c.GetParameters().Any(p => typeof(DbContextOptions).IsAssignableFrom(p.ParameterType))))
            .ToList();

    /// <summary>
    /// Entities mapped outside <paramref name="tablePrefix"/> (the shared tables aside) and entities of the
    /// <paramref name="otherModules"/>' assemblies.
    /// </summary>
    public static IReadOnlyList<string> Violations(IReadOnlyModel model, string tablePrefix, IReadOnlyCollection<Assembly> otherModules)
    {
        var violations = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? entity.GetViewName();
            if (table is not null && !table.StartsWith(tablePrefix, StringComparison.Ordinal) && !SharedTables.Contains(table))
            {
                violations.Add($"{entity.DisplayName()} is mapped to {table}, outside the prefix {tablePrefix}");
            }
            if (otherModules.Contains(entity.ClrType.Assembly))
            {
                violations.Add($"{entity.DisplayName()} is an entity of {entity.ClrType.Assembly.GetName().Name}");
            }
        }
        return violations;
    }

    public static IReadOnlySet<string> TableNames(IReadOnlyModel model) =>
        model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static IReadOnlyModel BuildModel(Action<ModelBuilder> configure)
    {
        var builder = SqliteConventionSetBuilder.CreateModelBuilder();
        configure(builder);
        return builder.FinalizeModel();
    }

    private static IReadOnlyModel ModelOf(Type contextType)
    {
        var optionsBuilder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        // The model is built without opening the connection.
        optionsBuilder.UseSqlite("Data Source=:memory:");
        var constructor = contextType.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .FirstOrDefault(c => c.GetParameters() is [var only] && only.ParameterType.IsInstanceOfType(optionsBuilder.Options))
            ?? throw new InvalidOperationException(
                $"{contextType.FullName} has no constructor taking only its DbContextOptions, so its model cannot be checked. " +
                "A module's DbContext takes its options and gets everything else from them.");
        using var context = (DbContext)constructor.Invoke([optionsBuilder.Options]);
        return context.Model;
    }
}
