using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Consortium.Portal.IntegrationTests.Data;

/// <summary>
/// Every module DbContext runs on a compiled model (build/compiled-models.sh) for each provider, and that model is the
/// one EF would build from the code now: a changed entity or mapping without a regenerated model fails here.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "run build/compiled-models.sh";

    public static TheoryData<string, DatabaseProvider> Contexts()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var context in ModuleContexts())
        {
            data.Add(context.FullName!, DatabaseProvider.Sqlite);
            data.Add(context.FullName!, DatabaseProvider.PostgreSql);
        }
        return data;
    }

    [Fact]
    public void Every_module_context_is_found()
    {
        // The platform's and one per module with tables; a lookup that finds none would make the theory below empty.
        Assert.True(ModuleContexts().Count >= 10, string.Join(", ", ModuleContexts().Select(t => t.Name)));
        Assert.Contains(typeof(Consortium.Portal.Platform.PlatformDbContext), ModuleContexts());
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_compiled_model_is_the_model_EF_builds_from_the_code(string contextName, DatabaseProvider provider)
    {
        var contextType = ModuleContexts().Single(t => t.FullName == contextName);
        var compiled = CompiledModels.Find(contextType, provider);
        Assert.True(compiled is not null,
            $"{contextType.Name} has no compiled model for {provider} ({CompiledModels.ModelTypeName(contextType, provider)}): {Regenerate}.");

        using var context = Create(contextType, provider, model: null);
        var built = context.Model;
        // As a context uses it: initialized with the provider's runtime dependencies (a compiled model alone is not).
        using var compiledContext = Create(contextType, provider, compiled);
        compiled = compiledContext.Model;
        Assert.NotSame(compiled, built);

        // The whole model as EF describes it: entities, properties with their types, converters and comparers, keys,
        // indexes, navigations, concurrency tokens, query filters and annotations (the audit's among them).
        Assert.True(Describe(built) == Describe(compiled),
            $"{contextType.Name}'s compiled model for {provider} differs from the model built from the code: {Regenerate}.\n"
            + FirstDifference(Describe(built), Describe(compiled)));
        // The schema (tables, columns, their store types, indexes, constraints): what the SQL EF writes is made from.
        Assert.True(built.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault)
                    == compiled.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault),
            $"{contextType.Name}'s compiled model for {provider} maps another schema: {Regenerate}.");
        // The query filters, which EF cannot write into a compiled model: the platform adds them as it loads (soft delete).
        Assert.Equal(QueryFilters(built), QueryFilters(compiled));
    }

    [Fact]
    public void A_soft_deletable_entity_keeps_its_filter_in_the_compiled_model()
    {
        using var context = Create(typeof(Consortium.Portal.Documents.Data.DocumentsDbContext), DatabaseProvider.Sqlite,
            CompiledModels.Find(typeof(Consortium.Portal.Documents.Data.DocumentsDbContext), DatabaseProvider.Sqlite));

        var filter = Assert.Single(context.Model.FindEntityType(typeof(Consortium.Portal.Documents.Domain.Document))!.GetDeclaredQueryFilters());
        Assert.Equal("e => Not(e.IsDeleted)", filter.Expression?.ToString());
        // The query pipeline takes it as it takes the built model's filter.
        Assert.Contains("\"IsDeleted\"", context.Set<Consortium.Portal.Documents.Domain.Document>().ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_without_a_compiled_model_runs_on_the_model_EF_builds()
    {
        Assert.Null(CompiledModels.Find(typeof(SqliteMigrationsDbContext), DatabaseProvider.Sqlite));
    }

    private static List<Type> ModuleContexts() => ModuleLoader.Load<PortalWebModule>()
        .Select(m => m.Assembly).Distinct()
        .SelectMany(a => a.GetExportedTypes())
        .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(DbContext)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    private static string ConnectionString(DatabaseProvider provider)
        => provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused";

    /// <summary>The context on <paramref name="model"/>, or, without one, on the model EF builds from its OnModelCreating.</summary>
    private static DbContext Create(Type contextType, DatabaseProvider provider, IModel? model)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        DbContextRegistration.ConfigureProvider(new DatabaseOptions(provider, ConnectionString(provider)), builder);
        if (model is not null)
        {
            builder.UseModel(model);
        }
        return (DbContext)Activator.CreateInstance(contextType, builder.Options)!;
    }

    private static List<string> QueryFilters(IModel model) => model.GetEntityTypes()
        .SelectMany(e => e.GetDeclaredQueryFilters().Select(f => $"{e.Name}: {f.Key} {f.Expression}"))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Describe(IModel model) => model.ToDebugString(MetadataDebugStringOptions.LongDefault);

    private static string FirstDifference(string built, string compiled)
    {
        var a = built.Split('\n');
        var b = compiled.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end)";
            var right = i < b.Length ? b[i] : "(end)";
            if (left != right)
            {
                return $"line {i + 1}: built '{left.Trim()}', compiled '{right.Trim()}'";
            }
        }
        return "";
    }
}
