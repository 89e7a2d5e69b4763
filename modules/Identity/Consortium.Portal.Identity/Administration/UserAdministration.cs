using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Administration;

public sealed record UserFilter(Guid? PartnerOrganisationId = null, string? Role = null, string? Search = null);

public sealed record UserSummary(
    Guid Id, string Email, string DisplayName, Guid? PartnerOrganisationId, string? Role, bool IsDisabled, bool TwoFactorEnabled, DateTime CreatedAtUtc);

public sealed record UserAssignment(string? Role, Guid? PartnerOrganisationId);

/// <summary>Listing users, disabling and enabling them, and changing their role and partner.</summary>
internal sealed class UserAdministration(
    PortalIdentityDbContext db,
    UserManager<PortalUser> users,
    ICurrentUser currentUser,
    IPermissionChecker permissions,
    IIntegrationEventPublisher events,
    IValidator<UserAssignment> validator,
    IStringLocalizer<IdentityResource> localizer)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(UserFilter filter, CancellationToken cancellationToken = default)
    {
        var scope = await AdministrationScope.OfAsync(currentUser, permissions, cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!scope.ManagesEveryone)
        {
            if (scope.OwnPartnerId is not { } own)
            {
                return [];
            }
            query = query.Where(u => u.PartnerOrganisationId == own);
        }
        if (filter.PartnerOrganisationId is { } partner)
        {
            query = query.Where(u => u.PartnerOrganisationId == partner);
        }
        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            var normalizedRole = filter.Role.Trim().ToUpperInvariant();
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalizedRole)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(search) || u.DisplayName.ToUpper().Contains(search));
        }
        var found = await query.Select(u => new { u.Id, u.Email, u.DisplayName, u.PartnerOrganisationId, u.IsDisabled, u.TwoFactorEnabled, u.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).OrderBy(RoleRank).First());
        return found
            .Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.PartnerOrganisationId, roleOf.GetValueOrDefault(u.Id), u.IsDisabled, u.TwoFactorEnabled, u.CreatedAtUtc))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>Disables the account: sign-in is refused and, through the new security stamp, every session ends within the validation interval.</summary>
    public async Task DisableAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await ManageableUserAsync(userId, cancellationToken);
        if (user.Id == currentUser.Id)
        {
            throw new DomainRuleException("Users.CannotDisableSelf", typeof(IdentityResource));
        }
        if (user.IsDisabled)
        {
            return;
        }
        user.IsDisabled = true;
        // Saved with the user by the same SaveChanges, through the outbox.
        events.Publish(new UserDisabled(user.Id));
        ThrowOnFailure(await users.UpdateSecurityStampAsync(user));
    }

    public async Task EnableAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await ManageableUserAsync(userId, cancellationToken);
        if (!user.IsDisabled)
        {
            return;
        }
        user.IsDisabled = false;
        ThrowOnFailure(await users.UpdateAsync(user));
    }

    /// <summary>Gives the user one global role (replacing the others) and a partner.</summary>
    public async Task AssignAsync(Guid userId, UserAssignment assignment, CancellationToken cancellationToken = default)
    {
        var user = await ManageableUserAsync(userId, cancellationToken);
        await validator.EnsureValidAsync(assignment, cancellationToken);
        if (user.Id == currentUser.Id)
        {
            // Nobody takes away their own administration by mistake; another administrator can.
            throw RequestValidationException.For("role", localizer["Users.CannotChangeOwnRole"]);
        }
        var role = IdentityRules.Role(assignment.Role)!;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await users.GetRolesAsync(user);
        user.PartnerOrganisationId = assignment.PartnerOrganisationId;
        if (current.Count > 0)
        {
            ThrowOnFailure(await users.RemoveFromRolesAsync(user, current));
        }
        ThrowOnFailure(await users.AddToRoleAsync(user, role));
        // A new stamp makes open sessions pick up the new role and partner at their next validation.
        ThrowOnFailure(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The user, if the current user may manage them; administrators are managed only by administrators.</summary>
    private async Task<PortalUser> ManageableUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await permissions.IsGrantedAsync(currentUser.Principal, IdentityPermissions.Users.Manage, cancellationToken))
        {
            throw new ForbiddenException("Managing users needs the Identity.Users.Manage permission.");
        }
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new EntityNotFoundException(nameof(PortalUser), userId);
        if (!currentUser.IsInRole(PortalRoles.Administrator) && await users.IsInRoleAsync(user, PortalRoles.Administrator))
        {
            throw new DomainForbiddenException("Users.OnlyAdministratorsManageAdministrators");
        }
        return user;
    }

    private static void ThrowOnFailure(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConcurrencyConflictException(nameof(PortalUser), "");
        }
        throw new InvalidOperationException("Identity refused the change: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static int RoleRank(string role) => PortalRoles.All.ToList().IndexOf(role) is var i and >= 0 ? i : int.MaxValue;
}
