using System.Security.Claims;
using Bunit;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Components;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Pages.Admin;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Identity.Tests.Components;

/// <summary>
/// The users page, over the module's real administration services and validators on an SQLite database in memory, as
/// the coordinator: its invitation and role forms ask before a navigation loses what was typed or chosen in them.
/// </summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private const string MemberName = "Drita Krasniqi";
    private const string OtherMemberName = "Arben Gashi";
    private const string InviteeEmail = "arta@bprg.example";

    private readonly BunitContext _page = new();
    private readonly SqliteConnection _database = new("Data Source=:memory:");
    private readonly Guid _bprg = Guid.NewGuid();
    private readonly HeldSaves _saves = new();

    public async Task InitializeAsync()
    {
        await _database.OpenAsync();
        var services = _page.Services;
        services.AddPortalComponentBasics(SignedInUser.Coordinator);
        services.AddSingleton<IPermissionChecker, GrantsAll>();
        services.AddDbContext<PortalIdentityDbContext>(o => o.UseSqlite(_database).AddInterceptors(_saves));
        services.AddLogging();
        services.AddIdentityCore<PortalUser>().AddRoles<PortalRole>().AddEntityFrameworkStores<PortalIdentityDbContext>();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IEmailSender, Mailbox>();
        services.AddSingleton<IIntegrationEventPublisher, Outbox>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IValidator<InvitationInput>, InvitationInputValidator>();
        services.AddScoped<IValidator<UserAssignment>, UserAssignmentValidator>();
        services.AddScoped<IValidator<PartnerInput>, PartnerInputValidator>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<PartnerAdministration>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<Invitations>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;

        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        await db.Database.EnsureCreatedAsync();
        db.PartnerOrganisations.Add(new PartnerOrganisation(_bprg, "BPRG", "Balkans Policy Research Group", PartnerSide.Kosovo));
        await db.SaveChangesAsync();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        foreach (var role in PortalRoles.All)
        {
            await roles.CreateAsync(new PortalRole(role));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (email, name) in new[] { ("drita@bprg.example", MemberName), ("arben@bprg.example", OtherMemberName) })
        {
            var member = new PortalUser { UserName = email, Email = email, DisplayName = name, PartnerOrganisationId = _bprg };
            Assert.True((await users.CreateAsync(member)).Succeeded);
            Assert.True((await users.AddToRoleAsync(member, PortalRoles.Member)).Succeeded);
        }
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_invitation_form_asks_before_leaving_once_filled_in_and_no_more_once_sent()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        page.WaitForElement("#invite-user");
        await page.Find("#invite-user").ClickAsync(new());
        page.WaitForElement("#invite-email");

        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));

        await FillInvitationAsync(page);
        Assert.True(_page.BrowserAsksBeforeLeaving());
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
        Assert.Equal("arta@bprg.example", page.Find("#invite-email").GetAttribute("value"));

        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Users.InvitationSent(arta@bprg.example)", page.Markup));
        Assert.Empty(page.FindAll("#invite-email"));
        Assert.False(_page.BrowserAsksBeforeLeaving());
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task The_role_form_asks_before_leaving_once_a_role_is_chosen_and_no_more_once_saved()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var changeRole = $"[aria-label='Users.ChangeRole({MemberName})']";
        page.WaitForElement(changeRole);
        await page.Find(changeRole).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent));

        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));

        // The form's role comes first: the list's filters follow the form.
        var role = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.PartnerLead));
        Assert.True(_page.BrowserAsksBeforeLeaving());
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
        // Chosen back as it was, the form holds nothing to lose.
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Member));
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.PartnerLead));

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Common.Save").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
        Assert.False(_page.BrowserAsksBeforeLeaving());
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task Opening_a_role_form_in_place_of_a_filled_in_invitation_asks_first_and_staying_keeps_it()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var changeRole = $"[aria-label='Users.ChangeRole({MemberName})']";
        await StartFilledInvitationAsync(page, choosePartner: false);

        // Another form would take the invitation's place: asked in a switch's words (the page stays), and the safe
        // answer, focused, keeps it. The click ends once the question is answered.
        var click = page.Find(changeRole).ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.Discard.Title", dialogs.Markup);
        Assert.Contains("UnsavedChanges.Discard.Text", dialogs.Markup);
        Assert.Equal("UnsavedChanges.KeepEditing", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("UnsavedChanges.Discard", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("UnsavedChanges.Text", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await click;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal("arta@bprg.example", page.Find("#invite-email").GetAttribute("value"));
        Assert.DoesNotContain($"Users.ChangeRole({MemberName})", page.FindAll("h6").Select(h => h.TextContent));

        // Leave lets the role form in.
        click = page.Find(changeRole).ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent));
        Assert.Empty(page.FindAll("#invite-email"));
    }

    [Fact]
    public async Task Starting_an_invitation_in_place_of_a_changed_role_form_asks_first_and_an_unchanged_one_gives_way_at_once()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var changeRole = $"[aria-label='Users.ChangeRole({MemberName})']";
        page.WaitForElement(changeRole);
        await page.Find(changeRole).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent));
        var role = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.PartnerLead));

        var click = page.Find("#invite-user").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await click;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(page.FindAll("#invite-email"));
        Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent);
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));

        // Chosen back as it was, the role form holds nothing to lose: the invitation opens without a question.
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Member));
        await page.Find("#invite-user").ClickAsync(new());
        page.WaitForElement("#invite-email");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_link_out_of_the_page_is_asked_in_the_words_of_leaving()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page, choosePartner: false);

        var navigation = _page.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        await dialogs.InvokeAsync(() => navigation.NavigateTo("/elsewhere"));
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.Title", dialogs.Markup);
        Assert.Contains("UnsavedChanges.Text", dialogs.Markup);
        Assert.Equal("UnsavedChanges.Stay", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.Equal("UnsavedChanges.Leave", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("UnsavedChanges.Discard", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task A_role_save_on_its_way_asks_before_another_form_opens_even_with_the_fields_chosen_back()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);
        // Chosen back while the save is on its way: the fields match how the form opened, but the save can still be refused.
        var role = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Member));

        var click = page.Find("#invite-user").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        // The form holds a choice its save does not send: that choice is what would be discarded.
        Assert.Contains("UnsavedChanges.Discard.Title", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await click;
        Assert.Empty(page.FindAll("#invite-email"));

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
    }

    [Fact]
    public async Task A_role_save_that_ends_after_its_form_gave_way_to_another_user_s_leaves_that_form_open()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        var click = page.Find($"[aria-label='Users.ChangeRole({OtherMemberName})']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({OtherMemberName})", page.Find("h6").TextContent));

        _saves.Release();
        await save;
        // The save is told for the user it saved, and the form opened meanwhile stays, as unchanged as it opened.
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
        page.WaitForAssertion(() => Assert.Contains(PortalRoles.PartnerLead, page.FindAll("tr").Single(r => r.TextContent.Contains(MemberName)).TextContent));
        Assert.Contains($"Users.ChangeRole({OtherMemberName})", page.Find("h6").TextContent);
        Assert.False(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_role_save_that_ends_after_its_form_gave_way_to_an_invitation_leaves_the_invitation_open()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        var click = page.Find("#invite-user").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForElement("#invite-email");
        await FillInvitationAsync(page, choosePartner: false);

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
        Assert.Equal("arta@bprg.example", page.Find("#invite-email").GetAttribute("value"));
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_role_save_refused_after_its_form_gave_way_is_told_above_naming_its_user_and_the_open_form_keeps_its_own_fields()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        var click = page.Find($"[aria-label='Users.ChangeRole({OtherMemberName})']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({OtherMemberName})", page.Find("h6").TextContent));
        var role = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Guest));

        _saves.Refuse(RequestValidationException.For("role", "Not this role."));
        await save;
        // Told above the forms, naming the user whose role stayed; the open form has no error and keeps its choice.
        page.WaitForAssertion(() => Assert.Equal($"Users.RoleNotChanged({MemberName},Not this role.)", page.Find("#refused-elsewhere").TextContent.Trim()));
        var form = page.Find("h6").ParentElement!;
        Assert.DoesNotContain("Not this role.", form.TextContent);
        Assert.Empty(form.QuerySelectorAll(".mud-input-error"));
        Assert.Equal(PortalRoles.Guest, role.Find("input").GetAttribute("value"));
        Assert.Contains($"Users.ChangeRole({OtherMemberName})", page.Find("h6").TextContent);
        Assert.Contains(PortalRoles.Member, page.FindAll("tr").Single(r => r.TextContent.Contains(MemberName)).TextContent);
        Assert.True(await _page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task A_role_save_refused_while_its_form_is_open_is_shown_in_the_form_as_before()
    {
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        _saves.Refuse(RequestValidationException.For("role", "Not this role."));
        await save;
        page.WaitForAssertion(() => Assert.Contains("Not this role.", page.Find("h6").ParentElement!.QuerySelector(".mud-input-error")?.TextContent));
        Assert.Empty(page.FindAll("#refused-elsewhere"));
        Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent);
    }

    [Fact]
    public async Task An_invitation_refused_after_its_form_gave_way_to_a_role_form_is_told_above_and_not_in_the_role_form()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page);
        _saves.Hold();
        var send = page.Find("#send-invitation").ClickAsync(new());
        await _saves.Reached;

        var click = page.Find($"[aria-label='Users.ChangeRole({MemberName})']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent));

        _saves.Refuse(RequestValidationException.For("role", "Not this role."));
        await send;
        page.WaitForAssertion(() => Assert.Equal("Users.InvitationNotSent(arta@bprg.example,Not this role.)", page.Find("#refused-elsewhere").TextContent.Trim()));
        var form = page.Find("h6").ParentElement!;
        Assert.DoesNotContain("Not this role.", form.TextContent);
        Assert.Empty(form.QuerySelectorAll(".mud-alert, .mud-input-error"));
    }

    [Fact]
    public async Task A_role_save_that_ends_after_its_form_gave_way_leaves_the_open_invitation_s_errors_shown()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        var click = page.Find("#invite-user").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForElement("#invite-email");
        await FillInvitationAsync(page, "not an address");
        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup));

        _saves.Release();
        await save;
        // The list reloads for the saved role; the invitation's error stays until the person changes or sends it.
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
        page.WaitForAssertion(() => Assert.Contains(PortalRoles.PartnerLead, page.FindAll("tr").Single(r => r.TextContent.Contains(MemberName)).TextContent));
        Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup);
    }

    [Fact]
    public async Task A_second_invitation_s_send_waits_visibly_for_the_first_and_sends_once_it_has_gone()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page);
        _saves.Hold();
        var first = page.Find("#send-invitation").ClickAsync(new());
        await _saves.Reached;
        page.WaitForAssertion(() => Assert.Equal("Users.SendingInvitation(arta@bprg.example)", page.Find("#sending-note").TextContent.Trim()));

        // The first form gives way to a role form while its invitation is on its way (asked: the send goes on), and that
        // one, holding nothing and saving nothing, to a second invitation at once.
        var click = page.Find($"[aria-label='Users.ChangeRole({MemberName})']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        Assert.Contains("UnsavedChanges.SaveUnderway.Title", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({MemberName})", page.Find("h6").TextContent));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        click = page.Find("#invite-user").ClickAsync(new());
        page.WaitForElement("#invite-email");
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        await click;
        await FillInvitationAsync(page, "besa@bprg.example");

        // Send waits, busy, and says for what: never a button that silently does nothing. This form's Cancel does not
        // wait: nothing of it is on its way.
        Assert.False(page.Find("#cancel-invitation").HasAttribute("disabled"));
        Assert.True(page.Find("#send-invitation").HasAttribute("disabled"));
        Assert.NotEmpty(page.Find("#send-invitation").QuerySelectorAll(".mud-progress-circular"));
        Assert.Equal("Users.SendAfterEarlier(arta@bprg.example)", page.Find("#sending-note").TextContent.Trim());

        _saves.Release();
        await first;
        page.WaitForAssertion(() => Assert.False(page.Find("#send-invitation").HasAttribute("disabled")));
        Assert.Equal("", page.Find("#sending-note").TextContent.Trim());
        Assert.Equal("besa@bprg.example", page.Find("#invite-email").GetAttribute("value"));
        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Users.InvitationSent(besa@bprg.example)", page.Markup));
        Assert.Empty(page.FindAll("#invite-email"));
    }

    [Fact]
    public async Task A_search_or_a_filter_leaves_the_open_form_s_errors_shown()
    {
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page, "not an address");
        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup));

        var search = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Users.Search");
        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("Drita"));
        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tr"), r => r.TextContent.Contains(OtherMemberName)));
        Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup);

        // The list's role filter comes after the form's role.
        var roleFilter = page.FindComponents<MudSelect<string>>().Last();
        await page.InvokeAsync(() => roleFilter.Instance.ValueChanged.InvokeAsync(PortalRoles.Guest));
        page.WaitForAssertion(() => Assert.Contains("Users.None", page.Markup));
        Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup);
        Assert.Equal("not an address", page.Find("#invite-email").GetAttribute("value"));
    }

    [Fact]
    public async Task A_user_disabled_from_the_list_beside_an_open_form_is_refused_above_the_forms_and_the_form_keeps_its_errors()
    {
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page, "not an address");
        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup));

        _saves.Hold();
        var disable = RowButton(page, MemberName, "Users.Disable").ClickAsync(new());
        await _saves.Reached;
        _saves.Refuse(new DomainRuleException("Tests.Refused", typeof(IdentityResource)));
        await disable;

        // Told once, above the forms and naming whom it was about; the invitation form keeps its own error and address.
        Assert.Equal($"Users.NotDisabled({MemberName},Tests.Refused())", page.WaitForElement("#refused-elsewhere").TextContent.Trim());
        Assert.Single(page.FindAll(".mud-alert"), a => a.TextContent.Contains("Tests.Refused"));
        Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup);
        Assert.Equal("not an address", page.Find("#invite-email").GetAttribute("value"));
        Assert.Contains(RowOf(page, MemberName).QuerySelectorAll("button"), b => b.TextContent.Trim() == "Users.Disable");
    }

    [Fact]
    public async Task A_user_enabled_from_the_list_beside_an_open_form_is_refused_above_the_forms_and_the_form_keeps_its_errors()
    {
        await using (var scope = _page.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
            await db.Users.Where(u => u.DisplayName == MemberName).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page, "not an address");
        await page.Find("#send-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup));

        _saves.Hold();
        var enable = RowButton(page, MemberName, "Users.Enable").ClickAsync(new());
        await _saves.Reached;
        _saves.Refuse(new DomainRuleException("Tests.Refused", typeof(IdentityResource)));
        await enable;

        Assert.Equal($"Users.NotEnabled({MemberName},Tests.Refused())", page.WaitForElement("#refused-elsewhere").TextContent.Trim());
        Assert.Single(page.FindAll(".mud-alert"), a => a.TextContent.Contains("Tests.Refused"));
        Assert.Contains("Validation.Email", page.FindComponent<InviteForm>().Markup);
    }

    [Fact]
    public async Task A_user_disabled_from_the_list_with_no_form_open_is_refused_above_the_list()
    {
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        page.WaitForAssertion(() => Assert.NotEmpty(RowOf(page, MemberName).QuerySelectorAll("button")));

        _saves.Hold();
        var disable = RowButton(page, MemberName, "Users.Disable").ClickAsync(new());
        await _saves.Reached;
        _saves.Refuse(new DomainRuleException("Tests.Refused", typeof(IdentityResource)));
        await disable;

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".mud-alert"), a => a.TextContent.Trim() == "Tests.Refused()"));
        Assert.Empty(page.FindAll("#refused-elsewhere"));
    }

    [Fact]
    public async Task Cancel_waits_while_the_form_s_invitation_is_being_sent_and_the_note_says_what_is_on_its_way()
    {
        _page.Render<MudPopoverProvider>();
        _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        await StartFilledInvitationAsync(page);
        Assert.False(page.Find("#cancel-invitation").HasAttribute("disabled"));
        _saves.Hold();
        var send = page.Find("#send-invitation").ClickAsync(new());
        await _saves.Reached;

        // Cancel would close the form but not stop the invitation: it waits, beside the busy Send and the note read out.
        page.WaitForAssertion(() => Assert.True(page.Find("#cancel-invitation").HasAttribute("disabled")));
        Assert.True(page.Find("#send-invitation").HasAttribute("disabled"));
        Assert.NotEmpty(page.Find("#send-invitation").QuerySelectorAll(".mud-progress-circular"));
        Assert.Equal("status", page.Find("#sending-note").GetAttribute("role"));
        Assert.Equal("Users.SendingInvitation(arta@bprg.example)", page.Find("#sending-note").TextContent.Trim());

        // Refused, nothing is on its way any more: the form stays with its error, and Cancel closes it.
        _saves.Refuse(RequestValidationException.For("email", "Already invited."));
        await send;
        page.WaitForAssertion(() => Assert.Contains("Already invited.", page.FindComponent<InviteForm>().Markup));
        Assert.False(page.Find("#cancel-invitation").HasAttribute("disabled"));
        Assert.Equal("", page.Find("#sending-note").TextContent.Trim());
        await page.Find("#cancel-invitation").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#invite-email")));
        Assert.DoesNotContain("Users.InvitationSent", page.Markup);
    }

    [Fact]
    public async Task The_role_form_s_Save_and_Cancel_wait_busy_for_its_own_save_and_another_user_s_form_opened_meanwhile_does_not()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        page.WaitForAssertion(() => Assert.True(page.Find("#save-role").HasAttribute("disabled")));
        Assert.NotEmpty(page.Find("#save-role").QuerySelectorAll(".mud-progress-circular"));
        Assert.True(page.Find("#cancel-role").HasAttribute("disabled"));
        Assert.Equal("status", page.Find("#saving-role-note").GetAttribute("role"));
        Assert.Equal($"Users.SavingRole({MemberName})", page.Find("#saving-role-note").TextContent.Trim());

        var click = page.Find($"[aria-label='Users.ChangeRole({OtherMemberName})']").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-leave");
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({OtherMemberName})", page.Find("h6").TextContent));
        Assert.False(page.Find("#save-role").HasAttribute("disabled"));
        Assert.Empty(page.Find("#save-role").QuerySelectorAll(".mud-progress-circular"));
        Assert.False(page.Find("#cancel-role").HasAttribute("disabled"));
        Assert.Equal("", page.Find("#saving-role-note").TextContent.Trim());

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
    }

    [Fact]
    public async Task Another_form_opening_while_only_the_open_form_s_save_is_on_its_way_asks_whether_to_leave_it_not_to_discard()
    {
        _page.Render<MudPopoverProvider>();
        var dialogs = _page.Render<MudDialogProvider>();
        var page = _page.Render<Users>();
        var save = await OpenRoleFormAndSaveHeldAsync(page, MemberName, PortalRoles.PartnerLead);

        // The form holds just what its save sends: nothing would be discarded, and the save goes on.
        var click = page.Find("#invite-user").ClickAsync(new());
        dialogs.WaitForElement("#unsaved-stay");
        Assert.Contains("UnsavedChanges.SaveUnderway.Title", dialogs.Markup);
        Assert.Contains("UnsavedChanges.SaveUnderway.Text", dialogs.Markup);
        Assert.Equal("UnsavedChanges.Stay", dialogs.Find("#unsaved-stay").TextContent.Trim());
        Assert.True(dialogs.Find("#unsaved-stay").HasAttribute("data-autofocus"));
        Assert.Equal("UnsavedChanges.LeaveForm", dialogs.Find("#unsaved-leave").TextContent.Trim());
        Assert.DoesNotContain("UnsavedChanges.Discard", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-leave").Click());
        await click;
        page.WaitForElement("#invite-email");

        _saves.Release();
        await save;
        page.WaitForAssertion(() => Assert.Contains($"Users.RoleChanged({MemberName})", page.Markup));
        Assert.NotEmpty(page.FindAll("#invite-email"));
    }

    /// <summary>The list's row of the user named <paramref name="name"/>.</summary>
    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<Users> page, string name)
        => page.FindAll("tr").Single(r => r.TextContent.Contains(name));

    /// <summary>The button labelled <paramref name="label"/> in the row of the user named <paramref name="name"/>.</summary>
    private static AngleSharp.Dom.IElement RowButton(IRenderedComponent<Users> page, string name, string label)
        => RowOf(page, name).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == label);

    /// <summary>Opens the invitation form (no other form holding anything) and fills it in (see <see cref="FillInvitationAsync"/>).</summary>
    private async Task StartFilledInvitationAsync(IRenderedComponent<Users> page, string email = InviteeEmail, bool choosePartner = true)
    {
        page.WaitForElement("#invite-user");
        await page.Find("#invite-user").ClickAsync(new());
        page.WaitForElement("#invite-email");
        await FillInvitationAsync(page, email, choosePartner);
    }

    /// <summary>Types <paramref name="email"/> into the open invitation form and, unless told not to, chooses BPRG as the partner.</summary>
    private async Task FillInvitationAsync(IRenderedComponent<Users> page, string email = InviteeEmail, bool choosePartner = true)
    {
        await page.Find("#invite-email").ChangeAsync(new() { Value = email });
        if (choosePartner)
        {
            var partner = page.FindComponent<InviteForm>().FindComponent<PartnerPicker>();
            await page.InvokeAsync(() => partner.Instance.ValueChanged.InvokeAsync(_bprg));
        }
    }

    /// <summary>
    /// Opens <paramref name="user"/>'s role form, chooses <paramref name="role"/> and presses Save with the save held:
    /// answers the click, which ends once the test releases the save.
    /// </summary>
    private async Task<Task> OpenRoleFormAndSaveHeldAsync(IRenderedComponent<Users> page, string user, string role)
    {
        var changeRole = $"[aria-label='Users.ChangeRole({user})']";
        page.WaitForElement(changeRole);
        await page.Find(changeRole).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains($"Users.ChangeRole({user})", page.Find("h6").TextContent));
        var select = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(role));

        _saves.Hold();
        var save = page.FindAll("button").Single(b => b.TextContent.Trim() == "Common.Save").ClickAsync(new());
        await _saves.Reached;
        Assert.False(save.IsCompleted);
        return save;
    }

    private sealed class GrantsAll : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }

    private sealed class Mailbox : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class Outbox : IIntegrationEventPublisher
    {
        public void Publish(IIntegrationEvent integrationEvent)
        {
        }
    }
}
