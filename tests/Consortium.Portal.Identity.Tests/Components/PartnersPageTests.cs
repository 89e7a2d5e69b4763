using System.Security.Claims;
using Bunit;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Pages.Admin;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Identity.Tests.Components;

/// <summary>
/// The partners page's form, over the module's real administration service and validator on an SQLite database in
/// memory: what the save refused is shown under its field, and goes once the field is changed to a valid value; a save
/// that ends after its form gave way to another closes, and tells its refusal in, only its own.
/// </summary>
public sealed class PartnersPageTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();
    private readonly SqliteConnection _database = new("Data Source=:memory:");
    private readonly HeldSaves _saves = new();

    public async Task InitializeAsync()
    {
        await _database.OpenAsync();
        var services = _page.Services;
        services.AddPortalComponentBasics(SignedInUser.Coordinator);
        services.AddSingleton<IPermissionChecker, GrantsAll>();
        services.AddDbContext<PortalIdentityDbContext>(o => o.UseSqlite(_database).AddInterceptors(_saves));
        services.AddScoped<IValidator<PartnerInput>, PartnerInputValidator>();
        services.AddScoped<PartnerAdministration>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        using var scope = services.BuildServiceProvider().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        await db.Database.EnsureCreatedAsync();
        db.PartnerOrganisations.Add(new PartnerOrganisation(Guid.NewGuid(), "BPRG", "Balkans Policy Research Group", PartnerSide.Kosovo));
        db.PartnerOrganisations.Add(new PartnerOrganisation(Guid.NewGuid(), "NSI", "New Social Initiative", PartnerSide.Serbia));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The text around an input: its label, its value and the message under it.</summary>
    private static string FieldText(IRenderedComponent<Partners> page, int index)
        => page.FindAll("#partner-form .mud-input-control")[index].TextContent;

    [Fact]
    public async Task A_taken_short_name_is_told_under_its_field_and_the_message_goes_once_the_short_name_is_changed()
    {
        _page.Render<MudPopoverProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("#new-partner");
        await page.Find("#new-partner").ClickAsync(new());
        var inputs = page.FindAll("#partner-form input");
        await inputs[0].ChangeAsync(new ChangeEventArgs { Value = "bprg" });
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Another group" });

        await page.Find("#save-partner").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Partners.ShortNameTaken(bprg)", FieldText(page, 0)));

        // Changing the short name to a free one takes the message away at once, not at the next save.
        await page.FindAll("#partner-form input")[0].ChangeAsync(new ChangeEventArgs { Value = "KDI" });
        page.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("Partners.ShortNameTaken", FieldText(page, 0));
            // Nor is the field still marked as wrong (red, aria-invalid) without a message.
            Assert.DoesNotContain("mud-input-error", page.FindAll("#partner-form .mud-input-control")[0].OuterHtml);
            Assert.DoesNotContain("aria-invalid=\"true\"", page.FindAll("#partner-form .mud-input-control")[0].OuterHtml);
        });
        Assert.DoesNotContain("Partners.ShortNameTaken", page.Markup);

        // The save then goes through.
        await page.Find("#save-partner").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Partners.Saved(KDI)", page.Markup));
    }

    [Fact]
    public async Task The_partner_form_asks_before_leaving_once_changed_and_no_more_once_saved()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("#new-partner");
        await page.Find("#new-partner").ClickAsync(new());
        page.WaitForElement("#partner-form");

        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));

        await page.FindAll("#partner-form input")[0].ChangeAsync(new ChangeEventArgs { Value = "KDI" });
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Kosovo Democracy Institute" });
        Assert.True(_page.BrowserAsksBeforeLeaving());
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
        Assert.Equal("KDI", page.FindAll("#partner-form input")[0].GetAttribute("value"));

        await page.Find("#save-partner").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Partners.Saved(KDI)", page.Markup));
        Assert.False(_page.BrowserAsksBeforeLeaving());
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_partner_whose_name_is_typed_back_as_it_was_holds_no_changes()
    {
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("[aria-label='Partners.Edit(BPRG)']");
        await page.Find("[aria-label='Partners.Edit(BPRG)']").ClickAsync(new());
        page.WaitForElement("#partner-form");

        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research" });
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research Group" });

        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_save_that_ends_after_another_partner_s_form_opened_closes_only_its_own()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("#new-partner");
        await page.Find("#new-partner").ClickAsync(new());
        await page.FindAll("#partner-form input")[0].ChangeAsync(new ChangeEventArgs { Value = "KDI" });
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Kosovo Democracy Institute" });
        var save = SaveHeldAsync(page);
        await _saves.Reached;

        // Another partner's form opens while the first is on its way: asked first, since the save can yet be refused.
        await OpenInPlaceAsync(page, dialogs, "[aria-label='Partners.Edit(BPRG)']");
        page.WaitForAssertion(() => Assert.Contains("Partners.Edit(BPRG)", page.Find("h6").TextContent));
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research" });
        Assert.True(page.Find("#save-partner").HasAttribute("disabled"));
        Assert.Equal("Partners.SaveAfterEarlier(KDI)", page.Find("#saving-note").TextContent.Trim());

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains("Partners.Saved(KDI)", page.Markup));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains("Kosovo Democracy Institute")));
        // The form opened meanwhile stays as the person left it, and may now be saved.
        Assert.Contains("Partners.Edit(BPRG)", page.Find("h6").TextContent);
        Assert.Equal("Balkans Policy Research", page.FindAll("#partner-form input")[1].GetAttribute("value"));
        Assert.False(page.Find("#save-partner").HasAttribute("disabled"));
        Assert.Equal("", page.Find("#saving-note").TextContent.Trim());
    }

    [Fact]
    public async Task A_save_refused_after_its_form_gave_way_is_told_above_and_not_in_the_open_form()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("[aria-label='Partners.Edit(BPRG)']");
        await page.Find("[aria-label='Partners.Edit(BPRG)']").ClickAsync(new());
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research" });
        var save = SaveHeldAsync(page);
        await _saves.Reached;

        await OpenInPlaceAsync(page, dialogs, "[aria-label='Partners.Edit(NSI)']");
        page.WaitForAssertion(() => Assert.Contains("Partners.Edit(NSI)", page.Find("h6").TextContent));

        _saves.Refuse(RequestValidationException.For("name", "Not this name."));
        await save;
        page.WaitForAssertion(() => Assert.Equal("Partners.NotSaved(BPRG,Not this name.)", page.Find("#refused-elsewhere").TextContent.Trim()));
        Assert.Contains("Partners.Edit(NSI)", page.Find("h6").TextContent);
        Assert.Equal("New Social Initiative", page.FindAll("#partner-form input")[1].GetAttribute("value"));
        Assert.DoesNotContain("Not this name.", page.Find("#partner-form").ParentElement!.TextContent);
        Assert.Empty(page.FindAll("#partner-error, #partner-form .mud-input-error"));
    }

    [Fact]
    public async Task Another_form_opening_while_only_the_open_form_s_save_is_on_its_way_asks_whether_to_leave_it_not_to_discard()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("[aria-label='Partners.Edit(BPRG)']");
        await page.Find("[aria-label='Partners.Edit(BPRG)']").ClickAsync(new());
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research" });
        var save = SaveHeldAsync(page);
        await _saves.Reached;

        // The form holds just what its save sends: nothing would be discarded, and the save goes on.
        var click = page.Find("[aria-label='Partners.Edit(NSI)']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.SaveUnderway.Title", dialogs.Markup);
        Assert.Contains("UnsavedChanges.SaveUnderway.Text", dialogs.Markup);
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("UnsavedChanges.LeaveForm", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("UnsavedChanges.Discard", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains("Partners.Edit(NSI)", page.Find("h6").TextContent));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));

        // The form opened meanwhile holds nothing and saves nothing: it gives way at once, the first save still on its way.
        await page.Find("[aria-label='Partners.Edit(BPRG)']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Partners.Edit(BPRG)", page.Find("h6").TextContent));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains("Partners.Saved(BPRG)", page.Markup));
    }

    [Fact]
    public async Task A_save_on_its_way_asks_to_discard_what_was_typed_beyond_it_even_when_typed_back_as_the_partner_was()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Partners>();
        page.WaitForElement("[aria-label='Partners.Edit(BPRG)']");
        await page.Find("[aria-label='Partners.Edit(BPRG)']").ClickAsync(new());
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research" });
        var save = SaveHeldAsync(page);
        await _saves.Reached;
        // Typed back while the save is on its way: the fields match how the form opened, not what its save sends.
        await page.FindAll("#partner-form input")[1].ChangeAsync(new ChangeEventArgs { Value = "Balkans Policy Research Group" });

        var click = page.Find("[aria-label='Partners.Edit(NSI)']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.Discard.Title", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await click;
        Assert.Contains("Partners.Edit(BPRG)", page.Find("h6").TextContent);
        Assert.Equal("Balkans Policy Research Group", page.FindAll("#partner-form input")[1].GetAttribute("value"));

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains("Partners.Saved(BPRG)", page.Markup));
    }

    /// <summary>Presses Save with the module's saves held: answers the click, which ends once the test releases the save.</summary>
    private Task SaveHeldAsync(IRenderedComponent<Partners> page)
    {
        _saves.Hold();
        var save = page.Find("#save-partner").ClickAsync(new());
        Assert.False(save.IsCompleted);
        return save;
    }

    /// <summary>Presses <paramref name="opener"/> while a save is on its way: the page asks first, and the test answers Discard.</summary>
    private static async Task OpenInPlaceAsync(IRenderedComponent<Partners> page, IRenderedComponent<MudDialogProvider> dialogs, string opener)
    {
        var click = page.Find(opener).ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
    }

    private sealed class GrantsAll : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
