using System.Security.Claims;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Platform.Tests.Permissions;

/// <summary>"Does the user with this id hold this permission", the one answer every module asks.</summary>
public sealed class UserPermissionCheckerTests
{
    private const string PlanView = "Activities.Plan.View";

    private static readonly Guid Current = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    /// <summary>Grants by role, read from the principal's role claims as the Platform's checker does.</summary>
    private sealed class RoleGrants : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
            => Task.FromResult(user.Identity?.IsAuthenticated == true && permission == PlanView
                               && (user.IsInRole(PortalRoles.Member) || user.IsInRole(PortalRoles.Coordinator)));
    }

    private sealed class Accounts : IRoleDirectory
    {
        public Dictionary<Guid, AccountRoles> Known { get; } = [];

        public Task<AccountRoles?> FindAsync(Guid userId, CancellationToken cancellationToken = default)
            => Task.FromResult(Known.GetValueOrDefault(userId));
    }

    private sealed class SignedIn(Guid? id, params string[] roles) : ICurrentUser
    {
        public ClaimsPrincipal Principal { get; } = id is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, id.Value.ToString()), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));

        public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
        public Guid? Id => id;
        public string? UserName => null;
        public Guid? PartnerOrganisationId => null;
        public IReadOnlyList<string> Roles => roles;
        public bool IsInRole(string role) => roles.Contains(role);
    }

    private readonly Accounts _accounts = new();

    private UserPermissionChecker CheckerFor(ICurrentUser currentUser, bool withDirectory = true)
        => new(currentUser, withDirectory ? [_accounts] : [], new RoleGrants());

    [Fact]
    public async Task The_current_user_is_answered_from_their_claims_not_from_the_directory()
    {
        // The directory says otherwise (a role changed since sign-in): the session's claims decide, as for every request.
        _accounts.Known[Current] = new AccountRoles([PortalRoles.Guest], IsDisabled: false);

        Assert.True(await CheckerFor(new SignedIn(Current, PortalRoles.Member)).IsGrantedAsync(Current, PlanView));
        Assert.False(await CheckerFor(new SignedIn(Current, PortalRoles.Guest)).IsGrantedAsync(Current, "Activities.Plan.Edit"));
    }

    [Fact]
    public async Task Another_user_is_answered_from_the_roles_their_account_holds_now()
    {
        _accounts.Known[Other] = new AccountRoles([PortalRoles.Member], IsDisabled: false);
        var guest = Guid.NewGuid();
        _accounts.Known[guest] = new AccountRoles([PortalRoles.Guest], IsDisabled: false);

        var checker = CheckerFor(new SignedIn(Current, PortalRoles.Guest));

        Assert.True(await checker.IsGrantedAsync(Other, PlanView));
        Assert.False(await checker.IsGrantedAsync(guest, PlanView));
        // No signed-in user at all (the hub's scope, a job): the directory answers alike.
        Assert.True(await CheckerFor(new SignedIn(null)).IsGrantedAsync(Other, PlanView));
    }

    [Fact]
    public async Task A_disabled_account_holds_nothing_whatever_its_roles()
    {
        _accounts.Known[Other] = new AccountRoles([PortalRoles.Coordinator], IsDisabled: true);

        Assert.False(await CheckerFor(new SignedIn(null)).IsGrantedAsync(Other, PlanView));
    }

    [Fact]
    public async Task An_unknown_account_or_a_portal_without_a_directory_holds_nothing()
    {
        _accounts.Known[Other] = new AccountRoles([PortalRoles.Member], IsDisabled: false);

        Assert.False(await CheckerFor(new SignedIn(null)).IsGrantedAsync(Guid.NewGuid(), PlanView));
        Assert.False(await CheckerFor(new SignedIn(null), withDirectory: false).IsGrantedAsync(Other, PlanView));
    }
}
