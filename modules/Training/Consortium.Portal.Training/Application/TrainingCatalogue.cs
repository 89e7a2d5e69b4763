using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Training.Application;

/// <summary>The library for other modules' pickers (Contracts): titles only, as every material is the consortium's.</summary>
internal sealed class TrainingCatalogue(TrainingDbContext db) : ITrainingCatalogue
{
    public async Task<IReadOnlyList<TrainingItemRefDto>> SearchAsync(string? text, int take, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 50);
        // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for ASCII.
        var folded = (text ?? "").Trim().ToLowerInvariant();
        var materials = await db.Materials.AsNoTracking().Where(m => folded == "" || m.Title.ToLower().Contains(folded))
            .OrderBy(m => m.Title).Take(take).Select(m => new { m.Id, m.Title, m.Language }).ToListAsync(cancellationToken);
        var collections = await db.Collections.AsNoTracking().Where(c => folded == "" || c.Title.ToLower().Contains(folded))
            .OrderBy(c => c.Title).Take(take).Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken);
        return [.. collections.Select(c => Collection(c.Id, c.Title)).Concat(materials.Select(m => Material(m.Id, m.Title, m.Language))).OrderBy(i => i.Title, StringComparer.CurrentCultureIgnoreCase).Take(take)];
    }

    public async Task<TrainingItemRefDto?> FindAsync(TrainingItemKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        if (kind == TrainingItemKind.Collection)
        {
            var title = await db.Collections.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).SingleOrDefaultAsync(cancellationToken);
            return title is null ? null : Collection(id, title);
        }
        var material = await db.Materials.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Title, m.Language }).SingleOrDefaultAsync(cancellationToken);
        return material is null ? null : Material(id, material.Title, material.Language);
    }

    private static TrainingItemRefDto Material(Guid id, string title, string language)
        => new(id, TrainingItemKind.Material, title, language, TrainingPaths.MaterialPage(id));

    private static TrainingItemRefDto Collection(Guid id, string title)
        => new(id, TrainingItemKind.Collection, title, null, TrainingPaths.CollectionPage(id));
}
