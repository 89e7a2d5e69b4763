using System.Globalization;
using System.Text;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Publications.Domain;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Publications.Application;

/// <summary>
/// The check before publishing: every final file's text (read through the Documents module's extraction) carries the
/// donors' disclaimer and the name of every authoring partner (its short or full name). Text is compared ignoring case,
/// accents' composition, typographic quotes and runs of white space, since Word and PDF break lines where they like.
/// </summary>
internal sealed class FinalFileCheck(IDocumentFiles documents, IUserDirectory users, IOptions<PublicationsOptions> options, IStringLocalizer<PublicationsResource> text)
{
    public async Task<IReadOnlyList<FileCheckDto>> CheckAsync(Publication publication, IReadOnlyList<ResolvedFile> files, CancellationToken cancellationToken)
    {
        var partners = (await users.GetPartnersAsync(cancellationToken)).Where(p => publication.AuthoringPartnerIds.Contains(p.Id)).ToList();
        var results = new List<FileCheckDto>();
        foreach (var file in files)
        {
            var content = await documents.ReadTextAsync(file.DocumentId, file.Version.Number, cancellationToken);
            if (content is null)
            {
                results.Add(new FileCheckDto(file.Language, file.Version.FileName, false, partners.Select(p => p.ShortName).ToList(), TextUnreadable: true));
                continue;
            }
            var haystack = Comparable(content);
            results.Add(new FileCheckDto(file.Language, file.Version.FileName, HasDisclaimer(haystack, file.Language),
                partners.Where(p => !haystack.Contains(Comparable(p.ShortName), StringComparison.Ordinal) && !haystack.Contains(Comparable(p.Name), StringComparison.Ordinal))
                    .Select(p => p.ShortName).ToList(),
                TextUnreadable: false));
        }
        return results;
    }

    /// <summary>What is missing from the file, in the reader's language; null when nothing is.</summary>
    public string? Describe(FileCheckDto check)
    {
        var language = text["Language." + check.Language].Value;
        if (check.TextUnreadable)
        {
            return text["Check.Unreadable", language, check.FileName].Value;
        }
        var missing = new List<string>();
        if (!check.HasDisclaimer)
        {
            missing.Add(text["Check.Disclaimer"].Value);
        }
        if (check.MissingPartners.Count > 0)
        {
            missing.Add(text["Check.Partners", string.Join(", ", check.MissingPartners)].Value);
        }
        return missing.Count == 0 ? null : text["Check.Missing", language, check.FileName, string.Join("; ", missing)].Value;
    }

    private bool HasDisclaimer(string haystack, string language)
    {
        var disclaimers = options.Value.Disclaimers;
        return new[] { language, "en" }.Distinct()
            .Select(l => disclaimers.GetValueOrDefault(l))
            .Any(d => !string.IsNullOrWhiteSpace(d) && haystack.Contains(Comparable(d), StringComparison.Ordinal));
    }

    internal static string Comparable(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c switch
            {
                '‘' or '’' or '‚' => '\'',
                '“' or '”' or '„' or '«' or '»' => '"',
                '–' or '—' => '-',
                _ => char.ToLower(c, CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }
}
