using Bunit;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Components;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Identity.Tests.Components;

/// <summary>The invitation form: it starts with a choice the server accepts, or says what is missing before anything is sent.</summary>
public sealed class InviteFormTests : IAsyncLifetime
{
    private static readonly PartnerOrganisationDto Bprg = new(Guid.NewGuid(), "BPRG", "Balkans Policy Research Group", PartnerSide.Kosovo, Guid.NewGuid());
    private static readonly PartnerOrganisationDto Bcsp = new(Guid.NewGuid(), "BCSP", "Belgrade Centre for Security Policy", PartnerSide.Serbia, Guid.NewGuid());
    private static readonly string[] CoordinatorGrants = [PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member, PortalRoles.Guest];

    private readonly BunitContext _page = new();
    private readonly List<InvitationInput> _sent = [];

    public Task InitializeAsync()
    {
        // The shared set-up: the form's guard needs the portal's leave prompt beside MudBlazor and the texts.
        _page.Services.AddPortalComponentBasics(SignedInUser.Coordinator);
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task A_partner_leads_invitation_starts_as_a_member_of_their_own_partner_and_is_sent_as_it_is()
    {
        var form = Render(managesEveryone: false, [Bprg], AdministrationScope.RolesAPartnerLeadMayGrant, ownPartner: Bprg.Id);

        Assert.DoesNotContain("Users.PartnerRequired", form.Markup);
        await form.InvokeAsync(() => form.Find("#send-invitation").Click());

        var sent = Assert.Single(_sent);
        Assert.Equal(PortalRoles.Member, sent.Role);
        Assert.Equal(Bprg.Id, sent.PartnerOrganisationId);
    }

    [Fact]
    public async Task A_coordinator_is_told_to_choose_the_members_partner_before_sending_and_nothing_is_sent_without_it()
    {
        var form = Render(managesEveryone: true, [Bprg, Bcsp], CoordinatorGrants, ownPartner: null);

        Assert.Contains("Users.PartnerRequired", form.Markup);
        // "No partner" is no choice for a member: the field is empty, not "none".
        var partnerField = form.FindComponent<PartnerPicker>().FindAll("input");
        Assert.NotEmpty(partnerField);
        Assert.All(partnerField, input => Assert.True(string.IsNullOrEmpty(input.GetAttribute("value")), input.OuterHtml));
        await form.InvokeAsync(() => form.Find("#send-invitation").Click());
        Assert.Empty(_sent);

        await ChoosePartnerAsync(form, Bcsp.Id);
        Assert.DoesNotContain("Users.PartnerRequired", form.Markup);
        await form.InvokeAsync(() => form.Find("#send-invitation").Click());
        Assert.Equal(Bcsp.Id, Assert.Single(_sent).PartnerOrganisationId);
    }

    [Fact]
    public async Task A_guest_invited_by_a_coordinator_has_no_partner()
    {
        var form = Render(managesEveryone: true, [Bprg, Bcsp], CoordinatorGrants, ownPartner: null);
        await ChoosePartnerAsync(form, Bprg.Id);

        var role = form.FindComponents<MudSelect<string>>().First();
        await form.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Guest));
        await form.InvokeAsync(() => form.Find("#send-invitation").Click());

        Assert.DoesNotContain("Users.GuestHasNoPartner", form.Markup);
        var sent = Assert.Single(_sent);
        Assert.Equal(PortalRoles.Guest, sent.Role);
        Assert.Null(sent.PartnerOrganisationId);
    }

    [Fact]
    public void What_the_server_refused_is_shown_under_its_field()
    {
        var form = Render(managesEveryone: false, [Bprg], AdministrationScope.RolesAPartnerLeadMayGrant, ownPartner: Bprg.Id,
            serverFieldError: field => field == "email" ? "Validation.Email" : null);

        Assert.Contains("Validation.Email", form.Markup);
    }

    private IRenderedComponent<InviteForm> Render(bool managesEveryone, IReadOnlyList<PartnerOrganisationDto> partners, IReadOnlyList<string> roles,
        Guid? ownPartner, Func<string, string?>? serverFieldError = null)
        => _page.Render<InviteForm>(p => p
            .Add(f => f.ManagesEveryone, managesEveryone)
            .Add(f => f.Partners, partners)
            .Add(f => f.GrantableRoles, roles)
            .Add(f => f.OwnPartner, ownPartner)
            .Add(f => f.ServerFieldError, serverFieldError ?? (_ => null))
            .Add(f => f.Send, EventCallback.Factory.Create<InvitationInput>(this, _sent.Add)));

    private static Task ChoosePartnerAsync(IRenderedComponent<InviteForm> form, Guid partner)
    {
        var picker = form.FindComponent<PartnerPicker>();
        return form.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(partner));
    }
}
