using System.Text.RegularExpressions;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

/// <summary>Rules read from the Razor sources: what the compiled components no longer show plainly.</summary>
public static partial class MarkupRules
{
    /// <summary>
    /// Lines of <paramref name="razor"/> that make a link an item of MudBlazor's selection list. MudList renders a listbox
    /// and each MudListItem with an Href an <c>&lt;a role="option"&gt;</c>: a screen reader announces pages to go to as
    /// options to pick. A list of links is the Platform's LinkList.
    /// </summary>
    public static IReadOnlyList<int> LinksAsListOptions(string razor) =>
        ListItemWithHref().Matches(razor).Select(m => razor.AsSpan(0, m.Index).Count('\n') + 1).ToList();

    /// <summary>
    /// Lines of <paramref name="razor"/> where a LinkList holds a MudListItem: an option of a listbox with no listbox
    /// around it (axe: aria-required-parent), inside a list that may hold only items.
    /// </summary>
    public static IReadOnlyList<int> ListOptionsInLinkLists(string razor) =>
        ListItemInLinkList().Matches(razor).Select(m => razor.AsSpan(0, m.Groups["item"].Index).Count('\n') + 1).ToList();

    // Attributes may span lines; the tag ends at the first '>' that is not inside an @(...) expression's quotes, which a
    // plain [^>] approximates well for the portal's markup (no '>' inside its Href expressions).
    [GeneratedRegex(@"<MudListItem\b[^>]*?\bHref\s*=", RegexOptions.Singleline)]
    private static partial Regex ListItemWithHref();

    [GeneratedRegex(@"<LinkList\b(?:(?!</LinkList>).)*?(?<item><MudListItem\b)", RegexOptions.Singleline)]
    private static partial Regex ListItemInLinkList();
}
