using AngleSharp.Html.Parser;
using Bunit;
using Consortium.Portal.Platform.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

/// <summary>The shared reorderable list: a drop puts the item where it fell, the buttons move it one place, and both tell the parent.</summary>
public sealed class ReorderListTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.Services.AddMudServices();
        _page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task A_dropped_item_lands_where_it_fell_and_the_buttons_move_one_place_with_names_that_say_which()
    {
        var items = new List<string> { "Welcome", "Budget", "Any other business" };
        var changes = 0;
        var list = _page.Render<ReorderList<string>>(p => p
            .Add(c => c.Items, items)
            .Add(c => c.ItemName, i => i)
            .Add(c => c.Changed, () => changes++)
            .Add(c => c.ItemTemplate, entry => $"{entry.Index + 1}. {entry.Item}"));
        string[] Shown() => list.FindAll("[data-test=reorder-item]").Select(e => e.TextContent.Trim()).ToArray();

        var zone = list.FindComponent<MudDropZone<string>>().Instance.Identifier;
        await list.InvokeAsync(() => list.FindComponent<MudDropContainer<string>>().Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<string>("Any other business", zone, 0)));
        Assert.Equal(["Any other business", "Welcome", "Budget"], items);
        Assert.Equal(["1. Any other business", "2. Welcome", "3. Budget"], Shown());

        var down = list.Find("[data-test=move-down]");
        Assert.Equal("Move \"Any other business\" down", down.GetAttribute("aria-label"));
        await down.ClickAsync(new());
        Assert.Equal(["Welcome", "Any other business", "Budget"], items);
        Assert.True(list.FindAll("[data-test=move-up]")[0].HasAttribute("disabled"));
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task A_drop_of_an_item_the_parent_has_since_loaded_anew_moves_the_item_as_it_is_now()
    {
        var loaded = new List<AgendaEntry> { new(1, "Welcome"), new(2, "Budget"), new(3, "Any other business") };
        var list = _page.Render<ReorderList<AgendaEntry>>(p => p
            .Add(c => c.Items, loaded)
            .Add(c => c.ItemName, e => e.Title)
            .Add(c => c.ItemKey, e => e.Id)
            .Add(c => c.ItemTemplate, entry => entry.Item.Title));
        var dragged = loaded[2];

        // While the item is dragged, the parent saves an earlier move and loads the list again: the same entries, new objects.
        var reloaded = loaded.Select(e => new AgendaEntry(e.Id, e.Title)).ToList();
        list.Render(p => p.Add(c => c.Items, reloaded));
        var zone = list.FindComponent<MudDropZone<AgendaEntry>>().Instance.Identifier;
        await list.InvokeAsync(() => list.FindComponent<MudDropContainer<AgendaEntry>>().Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<AgendaEntry>(dragged, zone, 0)));

        Assert.Equal(["Any other business", "Welcome", "Budget"], reloaded.Select(e => e.Title));
        Assert.Same(reloaded[0], reloaded.Single(e => e.Id == 3));
    }

    [Fact]
    public async Task Before_it_runs_on_the_circuit_the_list_offers_no_move_and_then_every_one()
    {
        var parameters = new Dictionary<string, object?>
        {
            [nameof(ReorderList<string>.Items)] = new List<string> { "Welcome", "Budget", "Any other business" },
            [nameof(ReorderList<string>.ItemName)] = (Func<string, string>)(i => i),
            [nameof(ReorderList<string>.ItemTemplate)] = (RenderFragment<ReorderItem<string>>)(entry => b => b.AddContent(0, entry.Item)),
        };

        // Prerendered (the page as its GET answers it, before the circuit): a press or a drag there reaches no handler.
        await using var prerendering = new HtmlRenderer(_page.Services, NullLoggerFactory.Instance);
        var markup = await prerendering.Dispatcher.InvokeAsync(async () =>
            (await prerendering.RenderComponentAsync<ReorderList<string>>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        var prerendered = new HtmlParser().ParseDocument(markup);
        var buttons = prerendered.QuerySelectorAll("[data-test=move-up], [data-test=move-down]");
        Assert.Equal(6, buttons.Length);
        Assert.All(buttons, b => Assert.True(b.HasAttribute("disabled")));
        Assert.Empty(prerendered.QuerySelectorAll("[draggable=true]"));

        // On the circuit: every item drags, and every button that can move its item is enabled.
        var list = _page.Render<ReorderList<string>>(p => p
            .Add(c => c.Items, new List<string> { "Welcome", "Budget", "Any other business" })
            .Add(c => c.ItemName, i => i)
            .Add(c => c.ItemTemplate, entry => entry.Item));
        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll("[draggable=true]").Count));
        Assert.Equal([true, false, false], list.FindAll("[data-test=move-up]").Select(b => b.HasAttribute("disabled")));
        Assert.Equal([false, false, true], list.FindAll("[data-test=move-down]").Select(b => b.HasAttribute("disabled")));
    }

    private sealed class AgendaEntry(int id, string title)
    {
        public int Id { get; } = id;

        public string Title { get; } = title;
    }
}
