using AngleSharp.Html.Parser;
using Bunit;
using Consortium.Portal.Platform.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

/// <summary>The shared reorderable list: a dropped item takes the place of the one it fell on, the buttons move it one place, and both tell the parent.</summary>
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

        // Up: the last dropped onto the first takes its place, and the others move down.
        await DragAsync(list, from: 2, onto: 0);
        Assert.Equal(["Any other business", "Welcome", "Budget"], items);
        Assert.Equal(["1. Any other business", "2. Welcome", "3. Budget"], Shown());
        // Down: the first dropped onto the last takes its place, and the others move up.
        await DragAsync(list, from: 0, onto: 2);
        Assert.Equal(["Welcome", "Budget", "Any other business"], items);
        // Dropped onto itself: nothing moves and the parent hears of nothing.
        await DragAsync(list, from: 1, onto: 1);
        Assert.Equal(["Welcome", "Budget", "Any other business"], items);
        Assert.Equal(2, changes);
        await DragAsync(list, from: 2, onto: 0);

        var down = list.Find("[data-test=move-down]");
        Assert.Equal("Move \"Any other business\" down", down.GetAttribute("aria-label"));
        await down.ClickAsync(new());
        Assert.Equal(["Welcome", "Any other business", "Budget"], items);
        Assert.True(list.FindAll("[data-test=move-up]")[0].HasAttribute("disabled"));
        Assert.Equal(4, changes);
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
        await list.FindAll("[data-test=reorder-item]")[2].DragStartAsync(new DragEventArgs());

        // While the item is dragged, the parent saves an earlier move and loads the list again: the same entries, new objects.
        var reloaded = loaded.Select(e => new AgendaEntry(e.Id, e.Title)).ToList();
        list.Render(p => p.Add(c => c.Items, reloaded));
        await list.FindAll("[data-test=reorder-item]")[0].DropAsync(new DragEventArgs());

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

    [Fact]
    public async Task A_list_inside_another_s_item_keeps_its_drags_to_itself()
    {
        var branch = new List<string> { "Legal review", "Finance review" };
        var stages = new List<string> { "Submitted", "Reviews", "Coordinator" };
        var (outerChanges, innerChanges) = (0, 0);
        var outer = _page.Render<ReorderList<string>>(p => p
            .Add(c => c.Items, stages)
            .Add(c => c.ItemName, i => i)
            .Add(c => c.Changed, () => outerChanges++)
            .Add(c => c.ItemTemplate, entry => b =>
            {
                b.AddContent(0, entry.Item);
                if (entry.Item == "Reviews")
                {
                    b.OpenComponent<ReorderList<string>>(1);
                    b.AddComponentParameter(2, nameof(ReorderList<string>.Items), branch);
                    b.AddComponentParameter(3, nameof(ReorderList<string>.ItemName), (Func<string, string>)(i => i));
                    b.AddComponentParameter(4, nameof(ReorderList<string>.Changed), EventCallback.Factory.Create(this, () => innerChanges++));
                    b.AddComponentParameter(5, nameof(ReorderList<string>.ItemTemplate), (RenderFragment<ReorderItem<string>>)(inner => ib => ib.AddContent(0, inner.Item)));
                    b.CloseComponent();
                }
            }));
        var inner = outer.FindComponents<ReorderList<string>>().Single(c => c.Instance.Items == branch);
        outer.WaitForAssertion(() => Assert.Equal(5, outer.FindAll("[draggable=true]").Count));

        // Within the branch: the branch's order changes, the outer list's does not, and only the branch's parent hears of it.
        var innerItems = inner.FindAll("[data-test=reorder-item]");
        await innerItems[1].DragStartAsync(new DragEventArgs());
        await inner.FindAll("[data-test=reorder-item]")[0].DropAsync(new DragEventArgs());
        Assert.Equal(["Finance review", "Legal review"], branch);
        Assert.Equal(["Submitted", "Reviews", "Coordinator"], stages);
        Assert.Equal((0, 1), (outerChanges, innerChanges));

        // An outer stage dropped onto a branch's item: the branch never saw that drag start, so it moves nothing. (That the
        // drop goes no further than the branch's item in a browser, where events bubble through both lists' elements, is
        // the definition editor's browser test: bUnit does not carry a drop up to the outer list's item.)
        await outer.FindAll("[data-test=reorder-item]")[0].DragStartAsync(new DragEventArgs());
        await inner.FindAll("[data-test=reorder-item]")[1].DropAsync(new DragEventArgs());
        Assert.Equal(["Finance review", "Legal review"], branch);
        Assert.Equal(["Submitted", "Reviews", "Coordinator"], stages);
        Assert.Equal((0, 1), (outerChanges, innerChanges));
    }

    [Fact]
    public async Task A_drop_with_no_drag_from_the_list_such_as_a_file_from_the_desktop_changes_nothing()
    {
        var items = new List<string> { "Welcome", "Budget" };
        var changes = 0;
        var list = _page.Render<ReorderList<string>>(p => p
            .Add(c => c.Items, items)
            .Add(c => c.ItemName, i => i)
            .Add(c => c.Changed, () => changes++)
            .Add(c => c.ItemTemplate, entry => entry.Item));

        await list.FindAll("[data-test=reorder-item]")[0].DropAsync(new DragEventArgs());
        // A drag that ended elsewhere (Escape, or dropped outside the list) is forgotten: a later drop does not finish it.
        await list.FindAll("[data-test=reorder-item]")[1].DragStartAsync(new DragEventArgs());
        await list.FindAll("[data-test=reorder-item]")[1].DragEndAsync(new DragEventArgs());
        await list.FindAll("[data-test=reorder-item]")[0].DropAsync(new DragEventArgs());

        Assert.Equal(["Welcome", "Budget"], items);
        Assert.Equal(0, changes);
    }

    private static async Task DragAsync<TItem>(IRenderedComponent<ReorderList<TItem>> list, int from, int onto) where TItem : notnull
    {
        await list.FindAll("[data-test=reorder-item]")[from].DragStartAsync(new DragEventArgs());
        await list.FindAll("[data-test=reorder-item]")[onto].DropAsync(new DragEventArgs());
        await list.FindAll("[data-test=reorder-item]")[onto].DragEndAsync(new DragEventArgs());
    }

    private sealed class AgendaEntry(int id, string title)
    {
        public int Id { get; } = id;

        public string Title { get; } = title;
    }
}
