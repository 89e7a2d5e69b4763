using System.Security.Claims;
using Bunit;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

public sealed class PortalComponentBaseTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.AddPlatformPage("editor@kipred.example");
        _page.Services.AddSingleton<Folders>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task A_refusal_is_told_in_a_snackbar_unless_the_component_shows_it_in_place()
    {
        var snackbars = _page.Services.GetRequiredService<ISnackbar>();

        var elsewhere = _page.Render<RefusingComponent>(p => p.Add(c => c.InPlace, false));
        await elsewhere.InvokeAsync(elsewhere.Instance.RefuseAsync);
        // The reason is for the log; the user reads the portal's localized refusal.
        Assert.StartsWith("You do not have the permission", elsewhere.Instance.Shown);
        Assert.Equal([elsewhere.Instance.Shown], snackbars.ShownSnackbars.Select(s => s.Message));

        snackbars.Clear();
        var inPlace = _page.Render<RefusingComponent>(p => p.Add(c => c.InPlace, true));
        await inPlace.InvokeAsync(inPlace.Instance.RefuseAsync);
        Assert.Equal(elsewhere.Instance.Shown, inPlace.Instance.Shown);
        Assert.Empty(snackbars.ShownSnackbars);
    }

    [Fact]
    public async Task A_conflict_is_left_to_the_page_unless_the_component_tells_it_in_a_snackbar()
    {
        var snackbars = _page.Services.GetRequiredService<ISnackbar>();

        var offersReload = _page.Render<RefusingComponent>(p => p.Add(c => c.ConflictsInSnackbar, false));
        await offersReload.InvokeAsync(offersReload.Instance.ConflictAsync);
        Assert.True(offersReload.Instance.IsConflict);
        Assert.Empty(snackbars.ShownSnackbars);

        var tells = _page.Render<RefusingComponent>(p => p.Add(c => c.ConflictsInSnackbar, true));
        await tells.InvokeAsync(tells.Instance.ConflictAsync);
        Assert.True(tells.Instance.IsConflict);
        Assert.Equal([tells.Instance.Shown], snackbars.ShownSnackbars.Select(s => s.Message));
        Assert.Equal(offersReload.Instance.Shown, tells.Instance.Shown);
    }

    [Fact]
    public async Task A_conflict_gives_the_page_the_thing_as_it_is_now_when_the_module_gave_it()
    {
        var page = _page.Render<RefusingComponent>();
        var now = new { Name = "Reports", ConcurrencyStamp = Guid.NewGuid() };

        await page.InvokeAsync(() => page.Instance.ConflictAsync(now));
        Assert.True(page.Instance.IsConflict);
        Assert.Same(now, page.Instance.Current);

        await page.InvokeAsync(() => page.Instance.ConflictAsync());
        Assert.True(page.Instance.IsConflict);
        Assert.Null(page.Instance.Current);
    }

    [Fact]
    public async Task A_second_submit_while_the_first_is_saving_creates_nothing_and_the_button_is_disabled_until_it_ends()
    {
        var folders = _page.Services.GetRequiredService<Folders>();
        var form = _page.Render<NewFolderForm>();
        Assert.False(form.Find("button").HasAttribute("disabled"));

        var first = form.Find("button").ClickAsync(new MouseEventArgs());
        form.WaitForAssertion(() => Assert.True(form.Find("button").HasAttribute("disabled")));

        // A click already on its way when the button was disabled still reaches the handler: the guard refuses it.
        await form.InvokeAsync(form.Instance.CreateAsync);
        Assert.False(form.Instance.Created);
        Assert.Equal(1, folders.Started);

        folders.Saving.SetResult();
        await first;
        Assert.True(form.Instance.Created);
        Assert.Equal(1, folders.Started);
        form.WaitForAssertion(() => Assert.False(form.Find("button").HasAttribute("disabled")));
    }

    [Fact]
    public async Task A_submit_after_the_first_ended_runs()
    {
        var folders = _page.Services.GetRequiredService<Folders>();
        folders.Saving.SetResult();
        var form = _page.Render<NewFolderForm>();

        await form.Find("button").ClickAsync(new MouseEventArgs());
        await form.Find("button").ClickAsync(new MouseEventArgs());

        Assert.Equal(2, folders.Started);
        Assert.True(form.Instance.Created);
    }

    [Fact]
    public async Task A_refused_submit_lets_the_next_one_run()
    {
        var folders = _page.Services.GetRequiredService<Folders>();
        folders.Saving.SetResult();
        folders.Refuse = true;
        var form = _page.Render<NewFolderForm>();

        await form.Find("button").ClickAsync(new MouseEventArgs());
        Assert.False(form.Instance.Created);
        Assert.StartsWith("You do not have the permission", form.Instance.Shown);
        Assert.False(form.Find("button").HasAttribute("disabled"));

        folders.Refuse = false;
        await form.Find("button").ClickAsync(new MouseEventArgs());
        Assert.True(form.Instance.Created);
        Assert.Null(form.Instance.Shown);
        Assert.Equal(2, folders.Started);
    }

    [Fact]
    public async Task A_refusal_that_ends_after_its_form_gave_way_goes_to_the_page_and_leaves_the_open_form_s_problem_alone()
    {
        var folders = _page.Services.GetRequiredService<Folders>();
        folders.Refuse = true;
        var page = _page.Render<SwitchingForms>();

        var first = page.InvokeAsync(page.Instance.SaveFirstFormAsync);
        Assert.Equal(1, folders.Started);
        // The other form opens meanwhile and is refused on its own: that problem is the one shown.
        page.Instance.OpenSecondForm();
        await page.InvokeAsync(page.Instance.RefuseInOpenFormAsync);
        var secondFormsProblem = page.Instance.Shown;
        Assert.NotNull(secondFormsProblem);

        folders.Saving.SetResult();
        await first;
        Assert.Same(secondFormsProblem, page.Instance.Shown);
        Assert.StartsWith("You do not have the permission", page.Instance.RefusedAfterFormWent?.Message);
    }

    [Fact]
    public async Task A_read_after_a_save_whose_form_gave_way_leaves_the_open_form_s_problem_alone()
    {
        var page = _page.Render<SwitchingForms>();
        page.Instance.OpenSecondForm();
        await page.InvokeAsync(page.Instance.RefuseInOpenFormAsync);
        var secondFormsProblem = page.Instance.Shown;

        Assert.True(await page.InvokeAsync(page.Instance.ReadForFirstFormAsync));
        Assert.Same(secondFormsProblem, page.Instance.Shown);

        // Read for the form that is open, it clears the problem as RunAsync does.
        Assert.True(await page.InvokeAsync(page.Instance.ReadForSecondFormAsync));
        Assert.Null(page.Instance.Shown);
    }

    [Fact]
    public async Task A_refusal_while_its_form_is_shown_is_shown_in_place()
    {
        var folders = _page.Services.GetRequiredService<Folders>();
        folders.Saving.SetResult();
        folders.Refuse = true;
        var page = _page.Render<SwitchingForms>();

        await page.InvokeAsync(page.Instance.SaveFirstFormAsync);
        Assert.StartsWith("You do not have the permission", page.Instance.Shown?.Message);
        Assert.Null(page.Instance.RefusedAfterFormWent);
    }

    /// <summary>A page with one form open at a time, whose first form's save may end after the second opened.</summary>
    private sealed class SwitchingForms : PortalComponentBase<PlatformResource>
    {
        private int _openForm = 1;

        public PageProblem? Shown => Problem;

        public PageProblem? RefusedAfterFormWent { get; private set; }

        public Task SaveFirstFormAsync()
            => SubmitAsync<Folders>(f => f.CreateAsync(), () => _openForm == 1, problem => RefusedAfterFormWent = problem);

        public void OpenSecondForm() => _openForm = 2;

        public Task<bool> ReadForFirstFormAsync()
            => RunAsync<Folders, bool>(_ => Task.FromResult(true), () => _openForm == 1, problem => RefusedAfterFormWent = problem);

        public Task<bool> ReadForSecondFormAsync()
            => RunAsync<Folders, bool>(_ => Task.FromResult(true), () => _openForm == 2, problem => RefusedAfterFormWent = problem);

        public Task RefuseInOpenFormAsync() => RunAsync<bool>(_ => throw new EntityNotFoundException("Folder", Guid.NewGuid()));

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
        }
    }

    /// <summary>A create that waits for <see cref="Saving"/>, as a save on a loaded server does.</summary>
    private sealed class Folders
    {
        public TaskCompletionSource Saving { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Refuse { get; set; }

        public int Started { get; private set; }

        public async Task CreateAsync()
        {
            Started++;
            await Saving.Task;
            if (Refuse)
            {
                throw new ForbiddenException("Not yours to create.");
            }
        }
    }

    private sealed class NewFolderForm : PortalComponentBase<PlatformResource>
    {
        public bool? Created { get; private set; }

        public string? Shown => Problem?.Message;

        public async Task CreateAsync() => Created = await SubmitAsync<Folders>(f => f.CreateAsync());

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "disabled", Submitting);
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, CreateAsync));
            builder.CloseElement();
        }
    }

    private sealed class RefusingComponent : PortalComponentBase<PlatformResource>
    {
        [Parameter] public bool InPlace { get; set; }

        [Parameter] public bool ConflictsInSnackbar { get; set; }

        protected override bool ShowsRefusalsInPlace => InPlace;

        protected override bool TellsConflictsInSnackbar => ConflictsInSnackbar;

        public bool IsConflict => Problem?.IsConflict == true;

        public string? Shown => Problem?.Message;

        public Task RefuseAsync() => RunAsync<bool>(_ => throw new ForbiddenException("Not yours to change."));

        public object? Current => Problem?.Current;

        public Task ConflictAsync() => RunAsync<bool>(_ => throw new ConcurrencyConflictException("Folder", Guid.NewGuid()));

        public Task ConflictAsync(object current) => RunAsync<bool>(_ => throw new ConcurrencyConflictException("Folder", Guid.NewGuid(), current));
    }
}
