using System.Linq.Expressions;
using Consortium.Portal.Training.Domain;

namespace Consortium.Portal.Training.Application;

/// <summary>The filters and orders the consortium's list and the public library share.</summary>
internal static class MaterialFilters
{
    public static IQueryable<TrainingMaterial> Apply(IQueryable<TrainingMaterial> query, string? topic, Audience? audience, string? language, Guid? partner, int? activity)
    {
        if (!string.IsNullOrWhiteSpace(topic))
        {
            var t = topic.Trim();
            query = query.Where(m => m.Topics.Contains(t));
        }
        if (audience is { } a)
        {
            query = query.Where(m => m.Audiences.Contains(a));
        }
        if (language is not null)
        {
            query = query.Where(m => m.Language == language);
        }
        if (partner is { } p)
        {
            query = query.Where(m => m.AuthoringPartnerIds.Contains(p));
        }
        if (activity is { } n)
        {
            query = query.Where(m => m.Activity == n);
        }
        return query;
    }

    public static IQueryable<TrainingMaterial> Sort(IQueryable<TrainingMaterial> query, MaterialSort? sort) => sort switch
    {
        MaterialSort.MostUsed => query.OrderByDescending(m => m.DownloadCount).ThenByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id),
        _ => query.OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id),
    };

    public static readonly Expression<Func<TrainingMaterial, MaterialSummaryDto>> Summary = m => new MaterialSummaryDto(
        m.Id, m.Slug, m.Kind, m.Title, m.Summary, m.Language, m.Topics, m.Audiences, m.Level, m.DurationMinutes, m.AuthoringPartnerIds,
        m.Activity, m.Visibility, m.DownloadCount, m.CreatedAtUtc);

    private static readonly Func<TrainingMaterial, MaterialSummaryDto> CompiledSummary = Summary.Compile();

    public static MaterialSummaryDto ToSummary(TrainingMaterial m) => CompiledSummary(m);
}
