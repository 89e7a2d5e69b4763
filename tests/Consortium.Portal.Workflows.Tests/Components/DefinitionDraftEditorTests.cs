using Bunit;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Components;
using Consortium.Portal.Workflows.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>
/// The editor keeps an unfinished definition as a stored draft: saved as it is (valid or not), published from the draft
/// so the draft goes with the version it becomes, and, when another coordinator saved it meanwhile, theirs is offered.
/// A save that ends after the editor was given another definition acts on, and tells its refusal in, only its own.
/// </summary>
public sealed class DefinitionDraftEditorTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new(withDatabase: true);

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _context.Page.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<IRenderedComponent<DefinitionEditor>> EditorAsync()
    {
        _context.Page.Render<MudPopoverProvider>();
        _context.Page.Render<MudSnackbarProvider>();
        var editor = _context.Page.Render<DefinitionEditor>();
        await editor.InvokeAsync(() => editor.Instance.LoadAsync(null));
        return editor;
    }

    [Fact]
    public async Task An_unfinished_definition_is_saved_as_a_draft_and_publishing_it_leaves_no_draft_behind()
    {
        var editor = await EditorAsync();
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "tests.drafted" });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());

        // Kept though it has no names yet (publishing would refuse it), and the editor says so.
        var stored = await WithAsync(s => s.GetRequiredService<WorkflowsDbContext>().Drafts.AsNoTracking().SingleAsync(d => d.Key == "tests.drafted"));
        Assert.Equal("", stored.NameEn);
        editor.WaitForAssertion(() => Assert.Contains("Drafts.SavedBy", editor.Find("[data-test=editor-draft-state]").TextContent));
        Assert.Single(editor.FindAll("[data-test=editor-discard-draft]"));

        // Finished later (as "Continue" on the page loads it): publishing publishes the draft by its stamp.
        await editor.InvokeAsync(() => editor.Instance.LoadDraftAsync(new WorkflowDefinitionDraftDto("tests.drafted", new LocalizedName("Drafted", "Skicë", "Nacrt", null), null,
            [new WorkflowStageDto("review", StageKind.Approval, new LocalizedName("Review", "Shqyrtim", "Pregled", null), [new AssigneeRule(AssigneeKinds.Role, "Coordinator")],
                new DecisionRule(DecisionRuleKind.Any))], stored.CreatedAtUtc, null, null, null, stored.ConcurrencyStamp)));
        await editor.Find("[data-test=editor-publish]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll("[data-test=editor-discard-draft]")));
        var (versions, drafts) = await WithAsync(async s =>
        {
            var db = s.GetRequiredService<WorkflowsDbContext>();
            return (await db.Definitions.CountAsync(d => d.Key == "tests.drafted"), await db.Drafts.CountAsync());
        });
        Assert.Equal((1, 0), (versions, drafts));
    }

    [Fact]
    public async Task A_draft_saved_meanwhile_by_someone_else_is_not_overwritten_and_theirs_is_offered()
    {
        var editor = await EditorAsync();
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "tests.contested" });
        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Mine" });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll("[data-test=editor-discard-draft]")));

        // Another coordinator goes on with the same draft and saves it (a save in the portal renews the stamp: its
        // interceptor, which this component test has not, so the row is changed as that save leaves it).
        await WithAsync(s => s.GetRequiredService<WorkflowsDbContext>().Drafts.Where(d => d.Key == "tests.contested")
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NameEn, "Theirs").SetProperty(d => d.ConcurrencyStamp, Guid.NewGuid())));

        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Mine again" });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll("[data-test=editor-draft-conflict]")));
        Assert.Equal("Theirs", await WithAsync(s => s.GetRequiredService<WorkflowsDbContext>().Drafts.AsNoTracking().Select(d => d.NameEn).SingleAsync()));

        await editor.Find("[data-test=editor-draft-reload]").ClickAsync(new());
        editor.WaitForAssertion(() =>
        {
            Assert.Empty(editor.FindAll("[data-test=editor-draft-conflict]"));
            Assert.Equal("Theirs", editor.Find("[data-test=editor-name-en]").GetAttribute("value"));
        });
    }

    [Fact]
    public async Task A_draft_discarded_meanwhile_by_someone_else_is_reloaded_as_none_and_what_is_typed_stays()
    {
        var editor = await EditorAsync();
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "tests.discarded" });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll("[data-test=editor-discard-draft]")));
        // Another draft stays: the reload looks for this key's draft only, and finds none.
        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<WorkflowsDbContext>();
            db.Drafts.Add(Domain.WorkflowDefinitionDraft.Start("tests.other"));
            await db.SaveChangesAsync();
            return await db.Drafts.Where(d => d.Key == "tests.discarded").ExecuteDeleteAsync();
        });

        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Still mine" });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll("[data-test=editor-draft-conflict]")));

        await editor.Find("[data-test=editor-draft-reload]").ClickAsync(new());
        editor.WaitForAssertion(() =>
        {
            Assert.Empty(editor.FindAll("[data-test=editor-draft-conflict]"));
            Assert.Empty(editor.FindAll("[data-test=editor-discard-draft]"));
            Assert.Equal("Still mine", editor.Find("[data-test=editor-name-en]").GetAttribute("value"));
        });
    }

    /// <summary>
    /// Saves <paramref name="key"/> as a draft (named <paramref name="name"/>) and starts again from nothing: a draft the
    /// page's "Continue" can load later, as read from the store.
    /// </summary>
    private async Task<WorkflowDefinitionDraftDto> StoredDraftAsync(IRenderedComponent<DefinitionEditor> editor, string key, string name)
    {
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = key });
        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = name });
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll("[data-test=editor-discard-draft]")));
        await editor.InvokeAsync(() => editor.Instance.LoadAsync(null));
        return (await WithAsync(s => s.GetRequiredService<WorkflowDefinitionDrafts>().FindAsync(key)))!;
    }

    /// <summary>Types <paramref name="key"/> and presses "Save draft" with the saves held: answers the click, which ends once the test lets the save go.</summary>
    private async Task<Task> SaveDraftHeldAsync(IRenderedComponent<DefinitionEditor> editor, string key)
    {
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = key });
        _context.Saves.Hold();
        var save = editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        await _context.Saves.Reached;
        Assert.False(save.IsCompleted);
        return save;
    }

    [Fact]
    public async Task A_draft_saved_after_another_was_continued_leaves_the_continued_one_its_own_stamp_and_changes()
    {
        var editor = await EditorAsync();
        var second = await StoredDraftAsync(editor, "tests.second", "Second");
        var save = await SaveDraftHeldAsync(editor, "tests.first");

        // "Continue" on another draft while the first is on its way (the page asks the editor first; it answers Discard).
        await editor.InvokeAsync(() => editor.Instance.LoadDraftAsync(second));
        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Second, changed" });
        _context.Saves.Release();
        await save;

        Assert.Equal("tests.second", editor.Find("[data-test=editor-key]").GetAttribute("value"));
        Assert.Equal("Second, changed", editor.Find("[data-test=editor-name-en]").GetAttribute("value"));
        // Its changes still count as unsaved, and its own save goes by its own stamp (the first's would be a conflict).
        Assert.True(_context.Page.BrowserAsksBeforeLeaving());
        await editor.Find("[data-test=editor-save-draft]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.False(_context.Page.BrowserAsksBeforeLeaving()));
        Assert.Empty(editor.FindAll("[data-test=editor-draft-conflict]"));
        var names = await WithAsync(s => s.GetRequiredService<WorkflowsDbContext>().Drafts.AsNoTracking().OrderBy(d => d.Key).Select(d => d.Key + "=" + d.NameEn).ToListAsync());
        Assert.Equal(["tests.first=", "tests.second=Second, changed"], names);
    }

    [Fact]
    public async Task Another_definition_while_only_the_held_one_s_save_is_on_its_way_asks_whether_to_leave_it_not_to_discard()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var editor = await EditorAsync();
        var second = await StoredDraftAsync(editor, "tests.second", "Second");
        var save = await SaveDraftHeldAsync(editor, "tests.first");

        // The editor holds just what its save sends: nothing would be discarded, and the save goes on.
        var asked = editor.InvokeAsync(() => editor.Instance.MayGiveWayAsync());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.SaveUnderway.Title", dialogs.Markup);
        Assert.Contains("UnsavedChanges.SaveUnderway.Text", dialogs.Markup);
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("UnsavedChanges.LeaveForm", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("UnsavedChanges.Discard", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        Assert.True(await asked);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));

        // The draft continued meanwhile holds nothing and saves nothing: it gives way at once, the first save still on its way.
        await editor.InvokeAsync(() => editor.Instance.LoadDraftAsync(second));
        Assert.True(await editor.InvokeAsync(() => editor.Instance.MayGiveWayAsync()));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        _context.Saves.Release();
        await save;
        Assert.NotNull(await WithAsync(s => s.GetRequiredService<WorkflowDefinitionDrafts>().FindAsync("tests.first")));
    }

    [Fact]
    public async Task A_save_on_its_way_asks_to_discard_what_was_typed_beyond_it()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var editor = await EditorAsync();
        var save = await SaveDraftHeldAsync(editor, "tests.first");
        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Typed meanwhile" });

        var asked = editor.InvokeAsync(() => editor.Instance.MayGiveWayAsync());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.Discard.Title", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        Assert.False(await asked);

        _context.Saves.Release();
        await save;
        Assert.Equal("Typed meanwhile", editor.Find("[data-test=editor-name-en]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_publish_on_its_way_asks_whether_to_leave_the_definition_not_to_discard()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var editor = await EditorAsync();
        // A draft continued and published: its draft's save and then its publish are on their way, as one.
        var draft = await StoredDraftAsync(editor, "tests.published", "Published");
        await editor.InvokeAsync(() => editor.Instance.LoadDraftAsync(draft with
        {
            Stages = [new WorkflowStageDto("review", StageKind.Approval, new LocalizedName("Review", "Shqyrtim", "Pregled", null), [new AssigneeRule(AssigneeKinds.Role, "Coordinator")],
                new DecisionRule(DecisionRuleKind.Any))],
            Name = new LocalizedName("Published", "Publikuar", "Objavljen", null),
        }));
        _context.Saves.Hold();
        var publish = editor.Find("[data-test=editor-publish]").ClickAsync(new());
        await _context.Saves.Reached;

        var asked = editor.InvokeAsync(() => editor.Instance.MayGiveWayAsync());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.SaveUnderway.Title", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        Assert.False(await asked);

        _context.Saves.Release();
        await publish;
        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll("[data-test=editor-discard-draft]")));
    }

    [Fact]
    public async Task A_draft_refused_after_another_was_continued_is_told_above_and_not_under_the_other_s_fields()
    {
        var editor = await EditorAsync();
        var second = await StoredDraftAsync(editor, "tests.second", "Second");
        var save = await SaveDraftHeldAsync(editor, "tests.first");

        await editor.InvokeAsync(() => editor.Instance.LoadDraftAsync(second));
        _context.Saves.Refuse(RequestValidationException.For("key", "Not this key."));
        await save;

        editor.WaitForAssertion(() => Assert.Equal("Drafts.NotSaved(tests.first,Not this key.)", editor.Find("[data-test=editor-refused-elsewhere]").TextContent.Trim()));
        Assert.Equal("tests.second", editor.Find("[data-test=editor-key]").GetAttribute("value"));
        Assert.DoesNotContain("Not this key.", editor.Find("[data-test=editor-key]").ParentElement!.ParentElement!.TextContent);
        Assert.Empty(editor.FindAll(".mud-input-error"));
    }
}
