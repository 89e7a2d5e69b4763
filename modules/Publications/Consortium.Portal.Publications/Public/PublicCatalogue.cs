using System.Globalization;
using Consortium.Portal.Identity;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Publications.Public;

/// <summary>What the public may know of a published publication; nothing of drafts, reviews or withdrawals.</summary>
public sealed record CatalogueEntry(
    Guid Id,
    string Slug,
    PublicationType Type,
    string Title,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Authors,
    IReadOnlyList<CataloguePartner> Partners,
    DateOnly PublishedOn,
    string? Outlet,
    string? OutletUrl,
    IReadOnlyList<CatalogueFile> Files,
    int Activity,
    Guid Version);

public sealed record CataloguePartner(string ShortName, string Name);

public sealed record CatalogueFile(string Language, string FileName, long Size, string ContentType, string Sha256);

/// <summary>The catalogue's filters, as the query string gives them: <c>type</c>, <c>partner</c> (short name), <c>language</c>, <c>year</c>.</summary>
public sealed record CatalogueFilter(PublicationType? Type, string? Partner, string? Language, int? Year)
{
    public static readonly CatalogueFilter None = new(null, null, null, null);
}

/// <summary>
/// The public catalogue's reads. Every one starts from <see cref="PublicationsDbContext.Public"/> (published only), so a
/// draft, an approved-but-unpublished or a withdrawn publication is not found by id, slug, feed or file.
/// </summary>
internal sealed class PublicCatalogue(PublicationsDbContext db, IUserDirectory users)
{
    public const int MaxEntries = 500;

    /// <summary>The tag of the catalogue's kept public answers (<see cref="PublicAnswers"/>): any saved publication drops them.</summary>
    public const string CacheTag = "publications:catalogue";

    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(CatalogueFilter filter, CancellationToken cancellationToken = default)
    {
        var partners = await users.GetPartnersAsync(cancellationToken);
        var query = db.Public;
        if (filter.Type is { } type)
        {
            query = query.Where(p => p.Type == type);
        }
        if (filter.Language is { } language)
        {
            query = query.Where(p => p.Languages.Contains(language));
        }
        if (filter.Partner is { } partnerName)
        {
            var partner = partners.FirstOrDefault(p => string.Equals(p.ShortName, partnerName, StringComparison.OrdinalIgnoreCase));
            if (partner is null)
            {
                return [];
            }
            query = query.Where(p => p.AuthoringPartnerIds.Contains(partner.Id));
        }
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(p => p.PublishedOn >= from && p.PublishedOn <= to);
        }
        var found = await query.OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.PublishedAtUtc).Take(MaxEntries).ToListAsync(cancellationToken);
        return await ToEntriesAsync(found, partners, cancellationToken);
    }

    /// <summary>The publication at <paramref name="slug"/> when it is published in <paramref name="language"/>; null otherwise.</summary>
    public async Task<CatalogueEntry?> FindAsync(string slug, string? language, CancellationToken cancellationToken = default)
    {
        var found = await db.Public.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (found is null || (language is not null && !found.Files.Any(f => f.Language == language)))
        {
            return null;
        }
        return (await ToEntriesAsync([found], await users.GetPartnersAsync(cancellationToken), cancellationToken))[0];
    }

    /// <summary>The pinned document version of the final file in <paramref name="language"/>; null when not public.</summary>
    public async Task<PublicationFile?> FileAsync(string slug, string language, CancellationToken cancellationToken = default)
        => (await db.Public.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken))?.Files.FirstOrDefault(f => f.Language == language);

    /// <summary>The years with publications, newest first, for the filter.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
        => (await db.Public.Select(p => p.PublishedOn).Distinct().ToListAsync(cancellationToken))
            .OfType<DateOnly>().Select(d => d.Year).Distinct().OrderDescending().ToList();

    private async Task<IReadOnlyList<CatalogueEntry>> ToEntriesAsync(IReadOnlyList<Publication> found, IReadOnlyList<PartnerOrganisationDto> partners, CancellationToken cancellationToken)
    {
        var names = (await users.GetUsersAsync(found.SelectMany(p => p.AuthorIds).Distinct().ToList(), cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        return found.Select(p => new CatalogueEntry(p.Id, p.Slug!, p.Type, p.Title, p.Summary, p.Tags, p.Languages,
            p.AuthorIds.Select(a => names.GetValueOrDefault(a)).OfType<string>().ToList(),
            partners.Where(x => p.AuthoringPartnerIds.Contains(x.Id)).Select(x => new CataloguePartner(x.ShortName, x.Name)).ToList(),
            p.PublishedOn!.Value, p.TargetOutlet, p.OutletUrl,
            p.Files.OrderBy(f => PublicationsConsts.Languages.ToList().IndexOf(f.Language)).Select(f => new CatalogueFile(f.Language, f.FileName, f.Size, f.ContentType, f.Sha256)).ToList(),
            p.Activity, p.ConcurrencyStamp)).ToList();
    }

    /// <summary>The UI culture of a publication language: Serbian pages are in Latin script.</summary>
    public static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == "sr" ? "sr-Latn" : language);
}
