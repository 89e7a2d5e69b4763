using Bunit;
using Consortium.Portal.Platform.Components;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

/// <summary>A list of links is a list of links for a screen reader: no listbox, no options, each a focusable anchor.</summary>
public sealed class LinkListTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.Services.AddMudServices();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public void Each_item_is_a_link_in_a_named_list_with_its_text_and_secondary_text()
    {
        var list = _page.Render<LinkList>(p => p
            .Add(c => c.AriaLabel, "Reviews waiting for you")
            .AddUnmatched("data-test", "home-reviews")
            .AddChildContent<LinkListItem>(item => item
                .Add(c => c.Href, "/documents/1")
                .Add(c => c.Text, "Budget 2027.docx")
                .Add(c => c.SecondaryText, "due 8 December")));

        var ul = list.Find("ul[data-test=home-reviews]");
        Assert.Equal("Reviews waiting for you", ul.GetAttribute("aria-label"));
        Assert.Null(ul.GetAttribute("role"));
        var link = list.Find("ul > li > a");
        Assert.Equal("/documents/1", link.GetAttribute("href"));
        Assert.Null(link.GetAttribute("role"));
        Assert.Null(link.GetAttribute("tabindex"));
        Assert.Contains("Budget 2027.docx", link.TextContent);
        Assert.Contains("due 8 December", link.TextContent);
        Assert.Empty(list.FindAll("[role=option], [role=listbox]"));
    }
}
