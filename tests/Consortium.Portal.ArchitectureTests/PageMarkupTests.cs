using Consortium.Portal.ArchitectureTests.Infrastructure;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>Markup every page shares the one way: a list of links is announced as links.</summary>
public sealed class PageMarkupTests
{
    [Fact]
    public void A_list_of_links_is_a_LinkList_and_never_MudBlazor_list_options()
    {
        var sources = PortalLayout.SourceFiles(".razor");
        var offenders = sources
            .SelectMany(file =>
            {
                var razor = File.ReadAllText(Path.Combine(PortalLayout.RepositoryRoot, file));
                return MarkupRules.LinksAsListOptions(razor).Concat(MarkupRules.ListOptionsInLinkLists(razor)).Select(line => $"{file}:{line}");
            })
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(offenders.Count == 0,
            "MudListItem with Href (announced as an option of a listbox), or a MudListItem inside a LinkList; use the Platform's LinkList/LinkListItem:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_finds_a_list_item_link_on_one_line_or_across_lines_and_leaves_plain_items_alone()
    {
        const string razor = """
            <MudList T="string">
                <MudListItem T="string" Text="plain" />
                <MudListItem T="string" Href="/a" />
                <MudListItem T="string"
                             Href="@Link" Text="x" />
            </MudList>
            <LinkListItem Href="/b" />
            """;

        Assert.Equal([3, 4], MarkupRules.LinksAsListOptions(razor));
        Assert.Empty(MarkupRules.ListOptionsInLinkLists(razor));
        Assert.Equal([3], MarkupRules.ListOptionsInLinkLists("""
            <LinkList AriaLabel="Versions">
                <LinkListItem Href="/a" Text="a" />
                <MudListItem T="string" Text="v1" />
            </LinkList>
            <MudList T="string"><MudListItem T="string" Text="v2" /></MudList>
            """));
    }
}
