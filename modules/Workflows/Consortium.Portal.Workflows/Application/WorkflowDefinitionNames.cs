using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// A published definition version's name and its stages' names, read once and kept in the portal cache: a version is
/// never changed (publishing makes the next), so the inbox does not read and parse the stage graph on every request.
/// </summary>
internal sealed class WorkflowDefinitionNames(PortalCache cache, WorkflowsDbContext db)
{
    private const string Tag = "workflows:definition-names";
    private static readonly LocalizedName NoName = new("", "", "", "");

    /// <summary>Long, since what it keeps never changes; the bound of the cache still applies.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly record struct Key(Guid DefinitionId);

    public sealed record Names(LocalizedName Name, IReadOnlyDictionary<string, LocalizedName> Stages)
    {
        public LocalizedName StageName(string stageId) => Stages.GetValueOrDefault(stageId) ?? NoName;
    }

    public Task<Names> GetAsync(Guid definitionId, CancellationToken cancellationToken = default)
        => cache.GetOrReadAsync(new Key(definitionId), Tag, Lifetime, async (entry, ct) =>
        {
            var definition = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == definitionId, ct);
            if (definition is null)
            {
                entry.DoNotKeep();
                return new Names(NoName, new Dictionary<string, LocalizedName>());
            }
            var stages = new Dictionary<string, LocalizedName>(StringComparer.Ordinal);
            foreach (var stage in new DefinitionGraph(definition.Stages).AllStages)
            {
                if (stage.Id is { } id)
                {
                    stages[id] = stage.Name ?? NoName;
                }
            }
            return new Names(definition.Name, stages);
        }, cancellationToken);
}
