using Consortium.Portal.Identity;
using Consortium.Portal.Training.Application;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Training.Public;

/// <summary>What the public may know of a published material: nothing of its workspace, workflow, authors or counts.</summary>
public sealed record LibraryEntry(string Slug, MaterialKind Kind, string Title, string? Summary, string Language, IReadOnlyList<string> Topics,
    IReadOnlyList<Audience> Audiences, MaterialLevel Level, int? DurationMinutes, IReadOnlyList<string> Partners, string Licence, int Activity,
    string? Url, DateTime PublishedAtUtc, IReadOnlyList<LibraryTranslation> Translations);

public sealed record LibraryTranslation(string Language, string Slug);

public sealed record LibraryCollection(string Slug, string Title, string? Description, IReadOnlyList<LibraryEntry> Materials);

/// <summary>The public library's filters and page, as the query string gives them.</summary>
public sealed record LibraryFilter(string? Topic, Audience? Audience, string? Language, string? Partner, int? Activity, MaterialSort Sort,
    string? Page = null, string? PageSize = null) : IPagedQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 50;

    public static readonly LibraryFilter None = new(null, null, null, null, null, MaterialSort.Newest);

    /// <summary>Whether a filter leaves materials out (the order and the page do not), so an empty page can say why.</summary>
    public bool Narrows => Topic is not null || Audience is not null || Language is not null || Partner is not null || Activity is not null;

    /// <summary>The page to read, by the Platform's paging rules.</summary>
    public ResolvedPage Resolved => this.ToPage(DefaultPageSize, MaxPageSize);
}

/// <summary>
/// The public library's reads. Every one starts from public materials only, so a material whose workflow has not
/// completed is not found by slug, id or file, and a collection is shown only while it and all its materials are public.
/// </summary>
internal sealed class PublicLibrary(TrainingDbContext db, IUserDirectory users, TrainingCollections collections, TrainingMaterials materials,
    PortalCache cache, IOptions<TrainingOptions> options)
{
    /// <summary>The tag of the library's kept public answers (<see cref="Platform.Web.PublicAnswers"/>): a saved material or collection drops them.</summary>
    public const string CacheTag = "training:library";

    private IReadOnlyList<PartnerOrganisationDto>? _partners;

    /// <summary>The partner directory, read once per request (the list, its entries and its filter all name partners).</summary>
    public async Task<IReadOnlyList<PartnerOrganisationDto>> PartnersAsync(CancellationToken cancellationToken = default)
        => _partners ??= await users.GetPartnersAsync(cancellationToken);

    private IQueryable<TrainingMaterial> Public => db.Materials.AsNoTracking().Where(m => m.Visibility == MaterialVisibility.Public);

    /// <summary>
    /// One page of the public materials the filter finds (<see cref="LibraryFilter.DefaultPageSize"/> a page), with the
    /// total for "page 2 of 40": a page renders a few dozen entries, not hundreds.
    /// </summary>
    public async Task<PagedResult<LibraryEntry>> ListAsync(LibraryFilter filter, CancellationToken cancellationToken = default)
    {
        var partners = await PartnersAsync(cancellationToken);
        Guid? partnerId = null;
        if (filter.Partner is { } shortName)
        {
            partnerId = partners.FirstOrDefault(p => string.Equals(p.ShortName, shortName, StringComparison.OrdinalIgnoreCase))?.Id ?? Guid.Empty;
        }
        var query = MaterialFilters.Apply(Public, filter.Topic, filter.Audience, filter.Language, partnerId, filter.Activity);
        var page = filter.Resolved;
        var total = await query.CountAsync(cancellationToken);
        var found = await MaterialFilters.Sort(query, filter.Sort).Skip(page.Skip).Take(page.Take).ToListAsync(cancellationToken);
        return new PagedResult<LibraryEntry>(await EntriesAsync(found, cancellationToken), total, page.Page, page.PageSize);
    }

    public async Task<LibraryEntry?> FindAsync(string slug, CancellationToken cancellationToken = default)
        => await Public.FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken) is { } m ? (await EntriesAsync([m], cancellationToken))[0] : null;

    public Task<TrainingMaterial?> FindMaterialAsync(string slug, CancellationToken cancellationToken = default)
        => Public.FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken);

    private sealed record TopicsKey;

    // EF translates a SelectMany over the topics to a lateral join, which SQLite lacks: each database's own way of
    // opening a list, in SQL (the table and its columns are the module's, TrainingModelBuilderExtensions).
    private string DistinctPublicTopicsSql => db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite"
        ? """SELECT DISTINCT t.value AS "Value" FROM "TrainingMaterials" AS m, json_each(m."Topics") AS t WHERE m."Visibility" = {0}"""
        : """SELECT DISTINCT t AS "Value" FROM "TrainingMaterials" AS m, unnest(m."Topics") AS t WHERE m."Visibility" = {0}""";

    /// <summary>
    /// The topics of public materials, for the library's topic filter. The database answers the distinct topics
    /// (json_each on SQLite, unnest on PostgreSQL, over the public rows the visibility index finds), so a request never
    /// reads every public material's topics; and the list is kept under the library's tag, so it is read again only
    /// when a material is saved (published, withdrawn or edited) or the lifetime passes, not for every filtered list.
    /// </summary>
    public Task<IReadOnlyList<string>> TopicsAsync(CancellationToken cancellationToken = default)
        => cache.GetOrReadAsync<IReadOnlyList<string>>(new TopicsKey(), CacheTag, options.Value.PublicCacheLifetime, async (_, ct) =>
        {
            var topics = await db.Database.SqlQueryRaw<string>(DistinctPublicTopicsSql, nameof(MaterialVisibility.Public)).ToListAsync(ct);
            // Topics differing only in case are offered once (the database's DISTINCT keeps both).
            return topics.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
        }, cancellationToken);

    /// <summary>A public collection whose materials are all public; anything else is not found.</summary>
    public async Task<(TrainingCollection Collection, List<TrainingMaterial> Materials)?> FindCollectionAsync(string slug, CancellationToken cancellationToken = default)
    {
        var collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug && c.IsPublic, cancellationToken);
        if (collection is null)
        {
            return null;
        }
        var items = await collections.OrderedMaterialsAsync(collection, cancellationToken);
        return items.Count != collection.MaterialIds.Count || items.Any(m => !m.IsPublic) ? null : (collection, items);
    }

    public async Task<LibraryCollection?> CollectionAsync(string slug, CancellationToken cancellationToken = default)
        => await FindCollectionAsync(slug, cancellationToken) is { } found
            ? new LibraryCollection(found.Collection.Slug, found.Collection.Title, found.Collection.Description, await EntriesAsync(found.Materials, cancellationToken))
            : null;

    public Task<Documents.DocumentFileContent?> OpenAsync(TrainingMaterial material, CancellationToken cancellationToken)
        => materials.OpenCountedAsync(material, cancellationToken);

    /// <summary>
    /// Counts a use. The count is an update of its own (no save of the material), so it does not drop the library's kept
    /// answers: a reader's every download would otherwise empty them for everyone. Nothing kept shows a count or the
    /// most-used order (only addresses without a query are kept, and they list newest first), so the lag is the
    /// clients' and proxies' own copies of a <c>?sort=MostUsed</c> list, at most <see cref="TrainingOptions.PublicCacheLifetime"/>.
    /// </summary>
    public Task CountAsync(TrainingMaterial material, CancellationToken cancellationToken)
        => materials.CountDownloadAsync(material.Id, cancellationToken);

    public Task WriteZipAsync(List<TrainingMaterial> items, Stream output, CancellationToken cancellationToken)
        => collections.WriteZipAsync(items, output, cancellationToken);

    private async Task<List<LibraryEntry>> EntriesAsync(List<TrainingMaterial> found, CancellationToken cancellationToken)
    {
        var partners = (await PartnersAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.ShortName);
        var groups = found.Select(m => m.TranslationGroupId).Distinct().ToList();
        // Only public translations are named: a consortium-only one is not even hinted at.
        var translations = await Public.Where(t => groups.Contains(t.TranslationGroupId))
            .Select(t => new { t.Id, t.TranslationGroupId, t.Language, t.Slug }).ToListAsync(cancellationToken);
        return found.Select(m => new LibraryEntry(m.Slug, m.Kind, m.Title, m.Summary, m.Language, m.Topics, m.Audiences, m.Level, m.DurationMinutes,
            m.AuthoringPartnerIds.Where(partners.ContainsKey).Select(p => partners[p]).ToList(), m.Licence, m.Activity, m.Url,
            m.PublishedAtUtc ?? m.CreatedAtUtc,
            translations.Where(t => t.TranslationGroupId == m.TranslationGroupId && t.Id != m.Id)
                .Select(t => new LibraryTranslation(t.Language, t.Slug)).ToList())).ToList();
    }
}
