using Bunit;
using Consortium.Portal.Platform.Components;
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
}
