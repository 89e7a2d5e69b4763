using System.Security.Claims;
using Bunit;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Pages.Admin;
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
/// memory: what the save refused is shown under its field, and goes once the field is changed to a valid value.
/// </summary>
public sealed class PartnersPageTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();
    private readonly SqliteConnection _database = new("Data Source=:memory:");

    public async Task InitializeAsync()
    {
        await _database.OpenAsync();
        var services = _page.Services;
        services.AddPortalComponentBasics(SignedInUser.Coordinator);
        services.AddSingleton<IPermissionChecker, GrantsAll>();
        services.AddDbContext<PortalIdentityDbContext>(o => o.UseSqlite(_database));
        services.AddScoped<IValidator<PartnerInput>, PartnerInputValidator>();
        services.AddScoped<PartnerAdministration>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        using var scope = services.BuildServiceProvider().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        await db.Database.EnsureCreatedAsync();
        db.PartnerOrganisations.Add(new PartnerOrganisation(Guid.NewGuid(), "BPRG", "Balkans Policy Research Group", PartnerSide.Kosovo));
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

    private sealed class GrantsAll : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
