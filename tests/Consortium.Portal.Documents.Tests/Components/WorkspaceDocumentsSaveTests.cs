using Bunit;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Components;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Documents.Data;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// A workspace's Documents tab while a folder is being made, renamed or deleted: a name typed meanwhile stays, a refused
/// rename is told apart once another folder is open, a reload refused after a folder was made tells its own reason, a
/// second Create press is ignored, and a folder opened meanwhile stays open after a delete.
/// </summary>
public sealed class WorkspaceDocumentsSaveTests : IAsyncLifetime
{
    private readonly SavingTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_folder_name_typed_while_another_folder_is_made_stays()
    {
        var tab = Render();
        Field(tab, "new-folder").Change("Reports");

        var create = Held(tab, "UI:CreateFolder");
        await _context.Saves.Reached;
        Field(tab, "new-folder").Change("Photos");
        _context.Saves.Release();
        await create;

        tab.WaitForAssertion(() => Assert.Contains(Folders(tab), f => f == "Reports"));
        Assert.Equal("Photos", Field(tab, "new-folder").GetAttribute("value"));
    }

    [Fact]
    public async Task A_new_name_typed_for_the_open_folder_while_a_folder_is_made_inside_it_stays()
    {
        await AddFoldersAsync("Reports");
        var tab = Render();
        await OpenAsync(tab, "Reports");
        Field(tab, "new-folder").Change("2026");

        var create = Held(tab, "UI:CreateFolder");
        await _context.Saves.Reached;
        Field(tab, "rename-folder").Change("Annual reports");
        _context.Saves.Release();
        await create;

        tab.WaitForAssertion(() => Assert.Contains(Folders(tab), f => f == "2026"));
        Assert.Equal("Annual reports", Field(tab, "rename-folder").GetAttribute("value"));
    }

    [Fact]
    public async Task A_rename_refused_after_another_folder_opened_is_told_above_not_under_that_folder()
    {
        await AddFoldersAsync("Reports", "Photos");
        var tab = Render();
        await OpenAsync(tab, "Reports");
        Field(tab, "rename-folder").Change("Annual reports");

        var rename = Held(tab, "UI:RenameFolder");
        await _context.Saves.Reached;
        await OpenAsync(tab, "Photos");
        _context.Saves.Refuse(RequestValidationException.For("name", "Not this name."));
        await rename;

        tab.WaitForAssertion(() => Assert.Equal("UI:FolderNotRenamed(Reports,Not this name.)", tab.Find("[data-test=folder-refused-elsewhere]").TextContent.Trim()));
        Assert.Equal("Photos", Field(tab, "rename-folder").GetAttribute("value"));
        Assert.DoesNotContain("Not this name.", tab.Find("[data-test=rename-folder]").ParentElement!.ParentElement!.TextContent);
        Assert.Empty(tab.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task A_reload_refused_after_a_folder_was_made_tells_its_own_reason_not_that_the_folder_was_not_made()
    {
        var tab = Render();
        Field(tab, "new-folder").Change("Reports");

        var create = Held(tab, "UI:CreateFolder");
        await _context.Saves.Reached;
        // The reader went to the recycle bin meanwhile: the new-folder field is not shown.
        await tab.Find("[data-test=recycle-bin]").ClickAsync(new());
        // The folder is made; the list read after it is refused.
        _context.LeaveWorkspace();
        _context.Saves.Release();
        await create;

        // The read's own reason (the workspace is not found for them), not "the folder Reports was not created".
        Assert.Equal("Problem.EntityNotFound.Detail", tab.WaitForElement("[data-test=folder-refused-elsewhere]").TextContent.Trim());
        Assert.Equal("Reports", await _context.WithAsync(s => s.GetRequiredService<DocumentsDbContext>().Folders.Select(f => f.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_second_create_press_while_a_folder_is_made_is_ignored_and_the_first_refusal_stays_under_its_field()
    {
        var tab = Render();
        Field(tab, "new-folder").Change("Reports");

        var create = Held(tab, "UI:CreateFolder");
        await _context.Saves.Reached;
        // A press the button took before it showed as disabled: its handler runs all the same.
        var button = tab.FindComponents<MudIconButton>().Single(b => b.Instance.UserAttributes.GetValueOrDefault("aria-label")?.ToString() == "UI:CreateFolder");
        await tab.InvokeAsync(() => button.Instance.OnClick.InvokeAsync(new MouseEventArgs()));
        _context.Saves.Refuse(RequestValidationException.For("name", "Not this name."));
        await create;

        tab.WaitForAssertion(() => Assert.Contains("Not this name.", Field(tab, "new-folder").Closest(".mud-input-control")!.TextContent));
        Assert.Empty(tab.FindAll("[data-test=folder-refused-elsewhere]"));
        _context.AssertNothingUnhandled();
    }

    [Fact]
    public async Task A_folder_opened_while_another_is_deleted_stays_open()
    {
        await AddFoldersAsync("Reports", "Photos");
        var tab = Render();
        await OpenAsync(tab, "Reports");

        var delete = Held(tab, "UI:DeleteFolder");
        await _context.Saves.Reached;
        await OpenAsync(tab, "Photos");
        _context.Saves.Release();
        await delete;

        tab.WaitForAssertion(() => Assert.DoesNotContain(Folders(tab), f => f == "Reports"));
        Assert.Equal("Photos", Field(tab, "rename-folder").GetAttribute("value"));
    }

    [Fact]
    public async Task Deleting_the_open_folder_opens_its_parent()
    {
        await AddFoldersAsync("Reports");
        var tab = Render();
        await OpenAsync(tab, "Reports");

        await tab.Find("[aria-label='UI:DeleteFolder']").ClickAsync(new());

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-test=rename-folder]")));
        Assert.DoesNotContain(Folders(tab), f => f == "Reports");
    }

    private IRenderedComponent<WorkspaceDocuments> Render()
    {
        var tab = _context.Page.Render<WorkspaceDocuments>(p => p.Add(c => c.WorkspaceId, SavingTestContext.WorkspaceId));
        tab.WaitForElement("[data-test=new-folder]");
        return tab;
    }

    private Task AddFoldersAsync(params string[] names) => _context.WithAsync(async services =>
    {
        foreach (var name in names)
        {
            await services.GetRequiredService<DocumentLibrary>().CreateFolderAsync(SavingTestContext.WorkspaceId, new CreateFolderRequest(name, null), default);
        }
        return names.Length;
    });

    /// <summary>The folders listed beside the documents.</summary>
    private static List<string> Folders(IRenderedComponent<WorkspaceDocuments> tab)
        => tab.FindAll(".mud-nav-link").Select(l => l.TextContent.Trim()).Where(t => t != "UI:AllFolders").ToList();

    private static async Task OpenAsync(IRenderedComponent<WorkspaceDocuments> tab, string folder)
    {
        tab.WaitForAssertion(() => Assert.Contains(folder, Folders(tab)));
        await tab.FindAll(".mud-nav-link").First(l => l.TextContent.Trim() == folder).ClickAsync(new());
        tab.WaitForAssertion(() => Assert.Equal(folder, Field(tab, "rename-folder").GetAttribute("value")));
    }

    /// <summary>Presses the button named <paramref name="label"/> with the module's saves held: answers the click, which ends once the test releases the save.</summary>
    private Task Held(IRenderedComponent<WorkspaceDocuments> tab, string label)
    {
        _context.Saves.Hold();
        var click = tab.Find($"[aria-label='{label}']").ClickAsync(new());
        Assert.False(click.IsCompleted);
        return click;
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<WorkspaceDocuments> tab, string name)
        => tab.Find($"input[data-test={name}], [data-test={name}] input");
}
