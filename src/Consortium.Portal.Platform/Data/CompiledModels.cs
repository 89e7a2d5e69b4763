using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The EF Core compiled models of the module DbContexts, one per provider, made by <c>build/compiled-models.sh</c>
/// (<c>dotnet ef dbcontext optimize</c>). EF otherwise builds a context's model at its first use, by conventions and
/// reflection over every entity: about half of the CPU of a cold start's seeding (issue 16). A compiled model is that
/// model written out as code, so loading it is creating objects.
/// <para>
/// A context's models are found by name: <c>{its namespace}.CompiledModels.{Provider}.{its name}Model</c>, in its
/// assembly (the script writes them to <c>{its folder}/CompiledModels/{Provider}</c>). EF's own way to find one (an
/// assembly attribute per context) cannot tell providers apart, so the script drops that attribute. A context without a
/// compiled model (a new module before the script ran) works on the model EF builds, as before;
/// <c>CompiledModelTests</c> then fails until the script has run, as it does when a compiled model is stale.
/// </para>
/// </summary>
public static class CompiledModels
{
    private static readonly ConcurrentDictionary<(Type, DatabaseProvider), IModel?> Found = new();

    /// <summary>The compiled model of <paramref name="contextType"/> for <paramref name="provider"/>, or null.</summary>
    public static IModel? Find(Type contextType, DatabaseProvider provider)
    {
        // The design-time tools (dotnet ef: migrations, and the script itself) need the model EF builds.
        if (EF.IsDesignTime)
        {
            return null;
        }
        return Found.GetOrAdd((contextType, provider), static key => Load(key.Item1, key.Item2));
    }

    /// <summary>
    /// What the platform's conventions add to a model that EF cannot write into a compiled one: the soft-delete query
    /// filter (<see cref="PlatformModelBuilderExtensions.ConfigureAggregateConventions"/>). The script makes every
    /// compiled model call it from its <c>Customize</c> hook, before the model is finalized.
    /// </summary>
    public static void Customize(RuntimeModel model)
    {
        foreach (var entityType in ((IReadOnlyModel)model).GetEntityTypes().Cast<RuntimeEntityType>())
        {
            if (PlatformModelBuilderExtensions.IsSoftDeleteRoot(entityType.ClrType, ((IReadOnlyEntityType)entityType).BaseType is null))
            {
                // The annotation EF's own runtime model gets from HasQueryFilter: a collection of runtime filters, keyed
                // as the anonymous filter is (internal types, hence EF1001). CompiledModelTests compares each compiled
                // model's filters with the built model's and translates a query through one.
#pragma warning disable EF1001
                var filter = new Microsoft.EntityFrameworkCore.Metadata.Internal.QueryFilter(PlatformModelBuilderExtensions.SoftDeleteFilter(entityType.ClrType));
                entityType.AddAnnotation(
                    Microsoft.EntityFrameworkCore.Metadata.Internal.CoreAnnotationNames.QueryFilter,
                    new Microsoft.EntityFrameworkCore.Metadata.Internal.QueryFilterCollection(
                        [new Microsoft.EntityFrameworkCore.Metadata.Internal.RuntimeQueryFilter(filter.Key!, filter.Expression!)]));
#pragma warning restore EF1001
            }
        }
    }

    /// <summary>The name of the class the script generates for a context and a provider.</summary>
    public static string ModelTypeName(Type contextType, DatabaseProvider provider)
        => $"{contextType.Namespace}.CompiledModels.{provider}.{contextType.Name}Model";

    private static IModel? Load(Type contextType, DatabaseProvider provider)
        => contextType.Assembly.GetType(ModelTypeName(contextType, provider))
            ?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)
            ?.GetValue(null) as IModel;
}
