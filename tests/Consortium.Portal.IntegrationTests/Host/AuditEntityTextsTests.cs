using System.Reflection;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// The readable audit log names an entity's kind by <c>AuditEntity:{type}</c> (AuditSentences). Every entity type a save
/// audits, in every DbContext of every module the host loads, has that text in English, Albanian and Serbian (Latin;
/// Cyrillic follows from it), so no kind reads as English words made from a type name.
/// </summary>
public sealed class AuditEntityTextsTests
{
    private static readonly IReadOnlyList<PortalModule> HostModules = ModuleLoader.Load<PortalWebModule>();

    /// <summary>The records the save writes itself and never audits (PortalSaveChangesInterceptor).</summary>
    private static readonly Type[] Bookkeeping = [typeof(OutboxMessage), typeof(AuditLogEntry), typeof(ProcessedMessage)];

    /// <summary>Each audited kind (as the save names it: the CLR type's name) with the DbContexts that write it.</summary>
    private static Dictionary<string, SortedSet<string>> AuditedKinds()
    {
        var kinds = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var contextType in HostModules.Select(m => m.GetType().Assembly).Distinct().SelectMany(RuntimeDbContexts))
        {
            foreach (var entity in ModelOf(contextType).GetEntityTypes())
            {
                if (AuditLogExclusion.IsExcluded(entity) || Bookkeeping.Contains(entity.ClrType))
                {
                    continue;
                }
                var kind = entity.ClrType.Name;
                if (!kinds.TryGetValue(kind, out var contexts))
                {
                    kinds[kind] = contexts = new SortedSet<string>(StringComparer.Ordinal);
                }
                contexts.Add(contextType.Name);
            }
        }
        return kinds;
    }

    [Fact]
    public void The_composed_model_audits_the_main_kinds_of_every_module()
    {
        var kinds = AuditedKinds();

        Assert.Contains("Workspace", kinds.Keys);
        Assert.Contains("PortalUser", kinds.Keys);
        Assert.Contains("ActivityEvent", kinds.Keys);
        Assert.Contains("TrainingMaterial", kinds.Keys);
        Assert.DoesNotContain(nameof(AuditLogEntry), kinds.Keys);
    }

    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.Albanian)]
    [InlineData(PortalCultures.SerbianLatin)]
    public void Every_audited_kind_has_a_name_in_the_language(string culture)
    {
        var platform = HostModules.Single(m => m is PlatformModule).Localization!;
        var texts = LocalizedTexts.ReadFile(platform, culture) ?? throw new Xunit.Sdk.XunitException($"The Platform ships no {culture}.json.");

        var missing = AuditedKinds()
            .Where(kind => !texts.TryGetValue("AuditEntity:" + kind.Key, out var text) || string.IsNullOrWhiteSpace(text))
            .Select(kind => $"AuditEntity:{kind.Key} ({string.Join(", ", kind.Value)})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, $"The Platform's {culture}.json names no audited kind of: {string.Join("; ", missing)}");
    }

    private static IEnumerable<Type> RuntimeDbContexts(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.OfType<Type>().ToArray();
        }
        // Those built from options, as dependency injection builds them (a module's private helper context is not one).
        return types.Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract)
            .Where(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(c => c.GetParameters() is [var only] && typeof(DbContextOptions).IsAssignableFrom(only.ParameterType)));
    }

    private static IModel ModelOf(Type contextType)
    {
        var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        // The model is built without opening the connection.
        options.UseSqlite("Data Source=:memory:");
        var constructor = contextType.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Single(c => c.GetParameters() is [var only] && only.ParameterType.IsInstanceOfType(options.Options));
        using var context = (DbContext)constructor.Invoke([options.Options]);
        return context.Model;
    }
}
