using System.Text;

namespace Consortium.Portal.Publications.Public;

/// <summary>How to cite a publication: plain text, BibTeX and RIS, from the same facts.</summary>
internal static class Citations
{
    public static string PlainText(CatalogueEntry entry, string publisher, string url)
    {
        var authors = entry.Authors.Count > 0 ? string.Join(", ", entry.Authors) : string.Join(", ", entry.Partners.Select(p => p.ShortName));
        var outlet = entry.Outlet is { } o ? $" {o}." : "";
        return $"{authors} ({entry.PublishedOn.Year}). {entry.Title}. {TypeName(entry.Type)}. {publisher}.{outlet} {url}";
    }

    public static string BibTex(CatalogueEntry entry, string publisher, string url)
    {
        var kind = entry.Type is PublicationType.ResearchReport or PublicationType.PolicyBrief ? "techreport" : "misc";
        var builder = new StringBuilder();
        builder.Append('@').Append(kind).Append('{').Append(entry.Slug).Append(",\n");
        Field(builder, "author", string.Join(" and ", entry.Authors.Count > 0 ? entry.Authors : entry.Partners.Select(p => p.Name)));
        Field(builder, "title", entry.Title);
        Field(builder, kind == "techreport" ? "institution" : "publisher", publisher);
        Field(builder, "year", entry.PublishedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(builder, "month", entry.PublishedOn.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (entry.Outlet is { } outlet)
        {
            Field(builder, "howpublished", outlet);
        }
        Field(builder, "type", TypeName(entry.Type));
        Field(builder, "url", url);
        builder.Append("}\n");
        return builder.ToString();
    }

    public static string Ris(CatalogueEntry entry, string publisher, string url)
    {
        var builder = new StringBuilder();
        Tag(builder, "TY", entry.Type switch
        {
            PublicationType.ResearchReport or PublicationType.PolicyBrief => "RPRT",
            PublicationType.OpEd or PublicationType.PolicyArticle => "NEWS",
            _ => "GEN",
        });
        foreach (var author in entry.Authors)
        {
            Tag(builder, "AU", author);
        }
        Tag(builder, "TI", entry.Title);
        Tag(builder, "PY", entry.PublishedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Tag(builder, "DA", entry.PublishedOn.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture));
        Tag(builder, "PB", publisher);
        if (entry.Outlet is { } outlet)
        {
            Tag(builder, "T2", outlet);
        }
        if (entry.Summary is { } summary)
        {
            Tag(builder, "AB", summary);
        }
        foreach (var tag in entry.Tags)
        {
            Tag(builder, "KW", tag);
        }
        Tag(builder, "UR", url);
        builder.Append("ER  - \r\n");
        return builder.ToString();
    }

    private static string TypeName(PublicationType type) => type switch
    {
        PublicationType.OpEd => "Op-ed",
        PublicationType.PolicyArticle => "Policy article",
        PublicationType.PolicyBrief => "Policy brief",
        PublicationType.ResearchReport => "Research report",
        _ => "Press release",
    };

    /// <summary>BibTeX's special characters escaped, braces kept balanced.</summary>
    private static void Field(StringBuilder builder, string name, string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in OneLine(value))
        {
            escaped.Append(c switch
            {
                '{' or '}' or '\\' => "",
                '&' or '%' or '$' or '#' or '_' => "\\" + c,
                _ => c.ToString(),
            });
        }
        builder.Append("  ").Append(name).Append(" = {").Append(escaped).Append("},\n");
    }

    /// <summary>RIS lines are "XX  - value", CRLF-ended; a value never breaks its line.</summary>
    private static void Tag(StringBuilder builder, string tag, string value) => builder.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");

    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
