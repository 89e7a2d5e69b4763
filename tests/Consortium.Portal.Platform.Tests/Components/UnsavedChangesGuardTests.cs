using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

/// <summary>
/// <see cref="UnsavedChangesGuard"/> on a minutes form: nothing asked without changes or once saved; with changes (or a
/// save on its way) a navigation in the portal waits for the dialog and the browser's prompt is on for the rest.
/// </summary>
public sealed class UnsavedChangesGuardTests : IAsyncLifetime
{
    private const string EnableBrowserPrompt = "Blazor._internal.NavigationLock.enableNavigationPrompt";
    private const string DisableBrowserPrompt = "Blazor._internal.NavigationLock.disableNavigationPrompt";
    private const string Elsewhere = "http://localhost/meetings";

    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.AddPlatformPage("secretary@bprg.example");
        _page.Services.AddScoped<LeavePrompt>();
        _page.Services.AddSingleton<MinutesStore>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private BunitNavigationManager Navigation => _page.Services.GetRequiredService<BunitNavigationManager>();

    private MinutesStore Store => _page.Services.GetRequiredService<MinutesStore>();

    private bool BrowserPromptOn => _page.JSInterop.Invocations
        .Select(i => i.Identifier)
        .LastOrDefault(i => i is EnableBrowserPrompt or DisableBrowserPrompt) == EnableBrowserPrompt;

    [Fact]
    public async Task Without_changes_a_navigation_goes_on_and_nothing_is_asked()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        _page.Render<MinutesForm>();

        Navigation.NavigateTo(Elsewhere);

        await Eventually.TrueAsync(() => Navigation.Uri == Elsewhere, "the navigation to the meetings page");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.False(BrowserPromptOn);
    }

    [Fact]
    public async Task With_changes_a_navigation_waits_for_the_dialog_and_Stay_keeps_the_page_and_its_text()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();
        var start = Navigation.Uri;

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        form.WaitForAssertion(() => Assert.True(BrowserPromptOn));
        Navigation.NavigateTo(Elsewhere);

        dialogs.WaitForAssertion(() => Assert.Contains("You have unsaved changes.", dialogs.Markup));
        Assert.Equal(start, Navigation.Uri);
        dialogs.Find("#unsaved-stay").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        await Eventually.TrueAsync(() => Navigation.History.FirstOrDefault()?.State == NavigationState.Prevented, "the navigation to be prevented");
        Assert.Equal(start, Navigation.Uri);
        Assert.Equal("The forum agreed on the Novi Pazar roundtable.", form.Find("textarea").GetAttribute("value"));
        Assert.True(BrowserPromptOn);
    }

    [Fact]
    public async Task With_changes_Leave_goes_on_to_the_other_page()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        Navigation.NavigateTo(Elsewhere);
        dialogs.WaitForAssertion(() => Assert.Contains("You have unsaved changes.", dialogs.Markup));
        dialogs.Find("#unsaved-leave").Click();

        await Eventually.TrueAsync(() => Navigation.Uri == Elsewhere, "the navigation to the meetings page");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public void Stay_is_the_first_button()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();

        form.Find("textarea").Change("Action items for Peja.");
        Navigation.NavigateTo(Elsewhere);

        dialogs.WaitForAssertion(() => Assert.Equal("unsaved-stay", dialogs.FindAll(".mud-dialog-actions button").First().Id));
    }

    [Fact]
    public async Task After_a_save_the_guard_releases_at_once_even_for_a_navigation_in_the_same_handler()
    {
        Store.Saving.SetResult();
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>(p => p.Add(c => c.AfterSave, Elsewhere));

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        await form.Find("button").ClickAsync(new MouseEventArgs());

        await Eventually.TrueAsync(() => Navigation.Uri == Elsewhere, "the navigation to the meetings page");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(["The forum agreed on the Novi Pazar roundtable."], Store.Saved);
    }

    [Fact]
    public async Task After_a_save_nothing_is_asked_and_the_browser_prompt_is_off()
    {
        Store.Saving.SetResult();
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        form.WaitForAssertion(() => Assert.True(BrowserPromptOn));
        await form.Find("button").ClickAsync(new MouseEventArgs());
        form.WaitForAssertion(() => Assert.False(BrowserPromptOn));

        Navigation.NavigateTo(Elsewhere);
        await Eventually.TrueAsync(() => Navigation.Uri == Elsewhere, "the navigation to the meetings page");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_save_on_its_way_counts_as_unsaved()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        var saving = form.Find("button").ClickAsync(new MouseEventArgs());
        form.WaitForAssertion(() => Assert.True(form.Find("button").HasAttribute("disabled")));
        Assert.True(BrowserPromptOn);

        Navigation.NavigateTo(Elsewhere);
        dialogs.WaitForAssertion(() => Assert.Contains("You have unsaved changes.", dialogs.Markup));
        dialogs.Find("#unsaved-stay").Click();

        Store.Saving.SetResult();
        await saving;
        form.WaitForAssertion(() => Assert.False(BrowserPromptOn));
    }

    [Fact]
    public async Task A_save_run_through_RunAsync_and_marked_with_SavingAsync_counts_as_unsaved()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>(p => p.Add(c => c.SaveByRunAsync, true));

        var saving = form.Find("button").ClickAsync(new MouseEventArgs());
        form.WaitForAssertion(() => Assert.True(BrowserPromptOn));

        Navigation.NavigateTo(Elsewhere);
        dialogs.WaitForAssertion(() => Assert.Contains("You have unsaved changes.", dialogs.Markup));
        dialogs.Find("#unsaved-leave").Click();
        await Eventually.TrueAsync(() => Navigation.Uri == Elsewhere, "the navigation to the meetings page");

        Store.Saving.SetResult();
        await saving;
    }

    [Fact]
    public void Two_guarded_forms_with_changes_ask_once()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var agenda = _page.Render<MinutesForm>();
        var minutes = _page.Render<MinutesForm>();
        var start = Navigation.Uri;

        agenda.Find("textarea").Change("Welcome; the research report.");
        minutes.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        Navigation.NavigateTo(Elsewhere);

        dialogs.WaitForAssertion(() => Assert.Contains("You have unsaved changes.", dialogs.Markup));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        dialogs.Find("#unsaved-stay").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(start, Navigation.Uri);
    }

    [Fact]
    public async Task Leaving_the_page_is_asked_in_the_words_of_leaving_with_Stay_focused()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var form = _page.Render<MinutesForm>();

        form.Find("textarea").Change("The forum agreed on the Novi Pazar roundtable.");
        Navigation.NavigateTo(Elsewhere);

        dialogs.WaitForAssertion(() => Assert.Contains("Unsaved changes", dialogs.Find(".mud-dialog-title").TextContent));
        Assert.Contains("You have unsaved changes. Leave anyway?", dialogs.Markup);
        Assert.Equal("Stay", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("Leave", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("Discard", dialogs.Markup);
        dialogs.Find("#unsaved-stay").Click();
        await Eventually.TrueAsync(() => Navigation.History.FirstOrDefault()?.State == NavigationState.Prevented, "the navigation to be prevented");
    }

    [Theory]
    [InlineData("#unsaved-stay", false)]
    [InlineData("#unsaved-leave", true)]
    public async Task A_form_giving_way_to_another_on_the_same_page_is_asked_in_its_own_words_with_Keep_editing_focused(string answer, bool discards)
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var prompt = _page.Services.GetRequiredService<LeavePrompt>();

        Task<bool> asked = null!;
        // Not awaited here: the question is answered below.
        await dialogs.InvokeAsync(() => { asked = prompt.MayDiscardAsync(CancellationToken.None); });

        dialogs.WaitForAssertion(() => Assert.Contains("Discard your changes?", dialogs.Find(".mud-dialog-title").TextContent));
        Assert.Contains("This form has changes that are not saved yet. Open the other form and discard them?", dialogs.Markup);
        Assert.Equal("Keep editing", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("unsaved-stay", dialogs.FindAll(".mud-dialog-actions button").First().Id);
        Assert.Equal("Discard", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("Leave", dialogs.Markup);

        await dialogs.InvokeAsync(() => dialogs.Find(answer).Click());
        Assert.Equal(discards, await asked);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Theory]
    [InlineData("#unsaved-stay", false)]
    [InlineData("#unsaved-leave", true)]
    public async Task A_form_giving_way_with_only_its_save_on_its_way_is_asked_whether_to_leave_it_not_to_discard(string answer, bool leaves)
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var prompt = _page.Services.GetRequiredService<LeavePrompt>();

        Task<bool> asked = null!;
        // Not awaited here: the question is answered below.
        await dialogs.InvokeAsync(() => { asked = prompt.MayLeaveWhileSavingAsync(CancellationToken.None); });

        dialogs.WaitForAssertion(() => Assert.Contains("Your save is on its way", dialogs.Find(".mud-dialog-title").TextContent));
        Assert.Contains("Leave this form? The save goes on, and you will be told how it ended.", dialogs.Markup);
        Assert.Equal("Stay", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("unsaved-stay", dialogs.FindAll(".mud-dialog-actions button").First().Id);
        Assert.Equal("Leave the form", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("Discard", dialogs.Markup);
        Assert.DoesNotContain("unsaved changes", dialogs.Markup);

        await dialogs.InvokeAsync(() => dialogs.Find(answer).Click());
        Assert.Equal(leaves, await asked);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    /// <summary>A save that waits for <see cref="Saving"/>, as a save on a loaded server does.</summary>
    private sealed class MinutesStore
    {
        public TaskCompletionSource Saving { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string?> Saved { get; } = [];

        public async Task SaveAsync(string? minutes)
        {
            await Saving.Task;
            Saved.Add(minutes);
        }
    }

    private sealed class MinutesForm : PortalComponentBase<PlatformResource>
    {
        [Inject] private NavigationManager Navigation { get; set; } = default!;

        /// <summary>Where the page goes once saved, in the save's own handler.</summary>
        [Parameter] public string? AfterSave { get; set; }

        /// <summary>Saves through <c>RunAsync</c> marked with <c>SavingAsync</c> instead of <c>SubmitAsync</c>.</summary>
        [Parameter] public bool SaveByRunAsync { get; set; }

        private readonly FormSnapshot _saved = new();
        private string? _minutes = "";

        protected override void OnInitialized() => _saved.Take(_minutes);

        private async Task SaveAsync()
        {
            var minutes = _minutes;
            var stored = SaveByRunAsync
                ? await SavingAsync(() => RunAsync<MinutesStore>(s => s.SaveAsync(minutes)))
                : await SubmitAsync<MinutesStore>(s => s.SaveAsync(minutes));
            if (stored)
            {
                _saved.Take(minutes);
                if (AfterSave is { } next)
                {
                    Navigation.NavigateTo(next);
                }
            }
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "textarea");
            builder.AddAttribute(1, "value", _minutes);
            builder.AddAttribute(2, "onchange", EventCallback.Factory.CreateBinder<string?>(this, v => _minutes = v, _minutes));
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "disabled", Saving);
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, SaveAsync));
            builder.CloseElement();
            builder.OpenComponent<UnsavedChangesGuard>(6);
            builder.AddComponentParameter(7, nameof(UnsavedChangesGuard.HasUnsavedChanges), (Func<bool>)(() => Saving || _saved.Differs(_minutes)));
            builder.CloseComponent();
        }
    }
}
