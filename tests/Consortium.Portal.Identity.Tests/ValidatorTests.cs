using System.Security.Claims;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Api;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using FluentValidation;

namespace Consortium.Portal.Identity.Tests;

public sealed class ValidatorTests
{
    private static readonly TestLocalizer Text = new();
    private static readonly Consortium.Portal.Tests.KeyLocalizer<Platform.PlatformResource> PlatformText = new();
    private static readonly PartnerOrganisationDto Kcss = new(Guid.NewGuid(), "KCSS", "Kosovo Centre for Security Studies", PartnerSide.Kosovo, Guid.NewGuid());
    private static readonly PartnerOrganisationDto Bprg = new(Guid.NewGuid(), "BPRG", "Balkans Policy Research Group", PartnerSide.Kosovo, Guid.NewGuid());
    private const string ExistingEmail = "arta@kcss.example";

    [Fact]
    public async Task A_partner_needs_a_short_name_a_name_and_a_side_by_its_name()
    {
        var validator = new PartnerInputValidator(Text, PlatformText);

        var empty = await ErrorsAsync(validator, new PartnerInput(" ", "", "Montenegro"));
        var numeric = await ErrorsAsync(validator, new PartnerInput("NEW", "New partner", "1"));
        var tooLong = await ErrorsAsync(validator, new PartnerInput(new string('X', PartnerOrganisationConsts.MaxShortNameLength + 1), "New partner", "serbia"));

        Assert.Equal(["name", "shortName", "side"], empty.Keys.Order());
        Assert.Equal([Text["Validation.Required"].Value], empty["shortName"]);
        Assert.Equal([Text["Partners.SideInvalid"].Value], numeric["side"]);
        Assert.Equal(["shortName"], tooLong.Keys);
        Assert.Equal([Text["Validation.TooLong", PartnerOrganisationConsts.MaxShortNameLength].Value], tooLong["shortName"]);
        Assert.Empty(await ErrorsAsync(validator, new PartnerInput(" NEW ", "New partner", " Kosovo ")));
    }

    [Theory]
    [InlineData("Kosovo Centre\r\n2026-12-04 info: admin signed in")]
    [InlineData("Kosovo\tCentre")]
    [InlineData("Kosovo\u2028Centre")]
    [InlineData("Kosovo\0Centre")]
    public async Task A_partner_name_with_a_control_character_is_refused(string name)
    {
        var errors = await ErrorsAsync(new PartnerInputValidator(Text, PlatformText), new PartnerInput("KCSS2", name, "Kosovo"));

        Assert.Equal(["name"], errors.Keys);
        Assert.Equal(["Validation:ControlCharacters"], errors["name"]);
    }

    [Fact]
    public async Task Editing_a_partner_needs_the_stamp_of_the_version_read()
    {
        var validator = new UpdatePartnerRequestValidator(Text, PlatformText);

        var missing = await ErrorsAsync(validator, new UpdatePartnerRequest("KCSS", "Kosovo Centre", "Kosovo", null));
        var empty = await ErrorsAsync(validator, new UpdatePartnerRequest("KCSS", "Kosovo Centre", "Kosovo", Guid.Empty));

        Assert.Equal([PlatformText["Validation:ConcurrencyStampRequired"].Value], missing["concurrencyStamp"]);
        Assert.Equal(["concurrencyStamp"], empty.Keys);
        Assert.Empty(await ErrorsAsync(validator, new UpdatePartnerRequest("KCSS", "Kosovo Centre", "Kosovo", Guid.NewGuid())));
    }

    [Fact]
    public async Task An_invitation_is_for_a_new_address_with_a_known_role_and_the_partner_it_needs()
    {
        var validator = Invitation(Coordinator());

        var existing = await ErrorsAsync(validator, new InvitationInput(ExistingEmail.ToUpperInvariant(), null, PortalRoles.Member, Kcss.Id));
        var bad = await ErrorsAsync(validator, new InvitationInput("not-an-address", null, "Overlord", null));
        var memberWithoutPartner = await ErrorsAsync(validator, new InvitationInput("new@kcss.example", null, PortalRoles.Member, null));
        var guestWithPartner = await ErrorsAsync(validator, new InvitationInput("guest@example.org", null, PortalRoles.Guest, Kcss.Id));
        var unknownPartner = await ErrorsAsync(validator, new InvitationInput("new@kcss.example", null, PortalRoles.Member, Guid.NewGuid()));

        Assert.Equal([Text["Invitations.AlreadyUser"].Value], existing["email"]);
        Assert.Equal(["email", "role"], bad.Keys.Order());
        Assert.Equal([Text["Validation.Email"].Value], bad["email"]);
        Assert.Equal([Text["Users.PartnerRequired"].Value], memberWithoutPartner["partnerOrganisationId"]);
        Assert.Equal([Text["Users.GuestHasNoPartner"].Value], guestWithPartner["partnerOrganisationId"]);
        Assert.Equal([Text["Users.PartnerUnknown"].Value], unknownPartner["partnerOrganisationId"]);
        Assert.Empty(await ErrorsAsync(validator, new InvitationInput(" new@kcss.example ", "Arta", "member", Kcss.Id)));
    }

    [Fact]
    public async Task Only_administrators_invite_administrators()
    {
        var input = new InvitationInput("tech@example.org", null, PortalRoles.Administrator, null);

        var byCoordinator = await ErrorsAsync(Invitation(Coordinator()), input);

        Assert.Equal([Text["Users.RoleNotGrantable"].Value], byCoordinator["role"]);
        Assert.Empty(await ErrorsAsync(Invitation(new FakeUser(PortalRoles.Administrator, null, managesEveryone: true)), input));
    }

    [Fact]
    public async Task A_partner_leads_invitation_is_for_their_partner_when_it_names_none_and_leaves_refusals_to_the_service()
    {
        var lead = Invitation(new FakeUser(PortalRoles.PartnerLead, Kcss.Id, managesEveryone: false));

        // No partner named: theirs, so no field error.
        Assert.Empty(await ErrorsAsync(lead, new InvitationInput("new@kcss.example", null, PortalRoles.Member, null)));
        // Another partner or a role beyond staff is a 403 of Invitations, not a field error.
        Assert.Empty(await ErrorsAsync(lead, new InvitationInput("new@bprg.example", null, PortalRoles.Member, Bprg.Id)));
        Assert.Empty(await ErrorsAsync(lead, new InvitationInput("new@kcss.example", null, PortalRoles.Coordinator, Kcss.Id)));
    }

    [Fact]
    public async Task A_new_role_is_one_the_current_user_may_give_with_the_partner_it_needs()
    {
        var byCoordinator = Assignment(Coordinator());

        var unknown = await ErrorsAsync(byCoordinator, new UserAssignment(null, Kcss.Id));
        var administrator = await ErrorsAsync(byCoordinator, new UserAssignment(PortalRoles.Administrator, null));
        var leadWithoutPartner = await ErrorsAsync(byCoordinator, new UserAssignment(PortalRoles.PartnerLead, null));

        Assert.Equal(["role"], unknown.Keys);
        Assert.Equal([Text["Validation.Role"].Value], unknown["role"]);
        Assert.Equal(["role"], administrator.Keys);
        Assert.Equal([Text["Users.RoleNotGrantable"].Value], administrator["role"]);
        Assert.Equal([Text["Users.PartnerRequired"].Value], leadWithoutPartner["partnerOrganisationId"]);
        Assert.Empty(await ErrorsAsync(byCoordinator, new UserAssignment(PortalRoles.Guest, null)));
    }

    [Fact]
    public async Task Signing_in_needs_an_email_and_a_password()
    {
        var validator = new SignInRequestValidator(Text);

        var missing = await ErrorsAsync(validator, new SignInRequest(" ", "", null, null));

        Assert.Equal(["email", "password"], missing.Keys.Order());
        Assert.Equal([Text["Validation.Required"].Value], missing["email"]);
        // A password is taken as typed: spaces may be part of it.
        Assert.Empty(await ErrorsAsync(validator, new SignInRequest("arta@kcss.example", " ", null, null)));
    }

    [Fact]
    public async Task An_empty_two_factor_code_is_refused_like_a_wrong_one()
    {
        var validator = new TwoFactorCodeRequestValidator(Text);

        var empty = await ErrorsAsync(validator, new TwoFactorCodeRequest(" "));

        Assert.Equal([Text["TwoFactor.InvalidCode"].Value], empty["code"]);
        Assert.Empty(await ErrorsAsync(validator, new TwoFactorCodeRequest("123456")));
    }

    [Fact]
    public async Task A_blank_display_name_is_told_as_missing_and_a_long_one_as_too_long()
    {
        var validator = new UpdateProfileRequestValidator(Text, PlatformText);

        var blank = await ErrorsAsync(validator, new UpdateProfileRequest("   ", "en", "Europe/Belgrade", "stamp"));
        var tooLong = await ErrorsAsync(validator, new UpdateProfileRequest(new string('a', PortalUser.MaxDisplayNameLength + 1), "en", "Europe/Belgrade", "stamp"));

        Assert.Equal([Text["Validation.Required"].Value], blank["displayName"]);
        Assert.Equal([Text["Validation.DisplayName", PortalUser.MaxDisplayNameLength].Value], tooLong["displayName"]);
        Assert.Empty(await ErrorsAsync(validator, new UpdateProfileRequest("  Arta  ", "en", "Europe/Belgrade", "stamp")));
    }

    private static InvitationInputValidator Invitation(FakeUser user) => new(Text, PlatformText, new FakeDirectory(), user, user);

    private static UserAssignmentValidator Assignment(FakeUser user) => new(Text, new FakeDirectory(), user, user);

    private static FakeUser Coordinator() => new(PortalRoles.Coordinator, null, managesEveryone: true);

    private static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync<T>(IValidator<T> validator, T request)
        => RequestValidation.ToFieldErrors(await validator.ValidateAsync(request));

    /// <summary>The signed-in user and what they may do: whether they manage everyone's users.</summary>
    private sealed class FakeUser(string role, Guid? partnerId, bool managesEveryone) : ICurrentUser, IPermissionChecker
    {
        public bool IsAuthenticated => true;
        public Guid? Id { get; } = Guid.NewGuid();
        public string? UserName => "someone@example.org";
        public Guid? PartnerOrganisationId => partnerId;
        public IReadOnlyList<string> Roles => [role];
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
        public bool IsInRole(string r) => r == role;

        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
            => Task.FromResult(permission == IdentityPermissions.Users.Manage && managesEveryone);
    }

    private sealed class FakeDirectory : IUserDirectory
    {
        public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
            => Task.FromResult(string.Equals(email.Trim(), ExistingEmail, StringComparison.OrdinalIgnoreCase)
                ? new PortalUserDto(Guid.NewGuid(), ExistingEmail, "Arta", Kcss.Id, [PortalRoles.Member], false)
                : null);

        public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([Kcss, Bprg]);

        public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
