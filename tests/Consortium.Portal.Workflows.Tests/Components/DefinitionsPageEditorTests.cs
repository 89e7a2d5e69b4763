using Bunit;
using Consortium.Portal.Workflows.Pages;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>
/// The definitions page gives its one editor another definition ("New", "Continue", "Edit as new version") only after
/// asking, when the editor holds changes or a save on its way: in the switch's words, the focus on "Keep editing".
/// </summary>
public sealed class DefinitionsPageEditorTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new(withDatabase: true, mayManage: true);

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public async Task New_asks_before_it_empties_an_editor_holding_changes_and_keeps_them_when_told_to()
    {
        _context.Page.Render<MudPopoverProvider>();
        _context.Page.Render<MudSnackbarProvider>();
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var page = _context.Page.Render<DefinitionsPage>();
        page.WaitForElement("[data-test=editor-key]");
        await page.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "tests.typed" });
        var startNew = () => page.FindAll("button").Single(b => b.TextContent.Trim() == "Editor.New").ClickAsync(new());

        var click = startNew();
        dialogs.WaitForElement("#unsaved-stay");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await click;
        Assert.Equal("tests.typed", page.Find("[data-test=editor-key]").GetAttribute("value"));

        click = startNew();
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(page.Find("[data-test=editor-key]").GetAttribute("value"))));
    }
}
