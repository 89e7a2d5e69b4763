using System.Globalization;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Administration;

/// <summary>
/// Inviting people by e-mail (accepting is <see cref="InvitationAcceptance"/>'s). Coordinators and administrators invite anyone; a partner
/// lead invites staff of their own partner only, as Member or PartnerLead.
/// </summary>
internal sealed class Invitations(
    PortalIdentityDbContext db,
    ICurrentUser currentUser,
    IPermissionChecker permissions,
    IValidator<InvitationInput> validator,
    AccountEmails emails,
    IOptions<PortalIdentityOptions> options,
    TimeProvider clock)
{
    public async Task<InvitationDto> InviteAsync(InvitationInput input, CancellationToken cancellationToken = default)
    {
        if (!await permissions.IsGrantedAsync(currentUser.Principal, IdentityPermissions.Users.Invite, cancellationToken))
        {
            throw new ForbiddenException("Inviting users needs the Identity.Users.Invite permission.");
        }
        var scope = await AdministrationScope.OfAsync(currentUser, permissions, cancellationToken);
        var email = input.Email?.Trim() ?? "";
        var displayName = input.DisplayName?.Trim() ?? "";
        var role = IdentityRules.Role(input.Role);
        var partnerId = input.PartnerOrganisationId;
        if (!scope.ManagesEveryone)
        {
            partnerId ??= scope.OwnPartnerId;
            if (scope.OwnPartnerId is null || partnerId != scope.OwnPartnerId)
            {
                throw new DomainForbiddenException("Invitations.OnlyOwnPartner");
            }
            if (role is not null && !scope.GrantableRoles.Contains(role))
            {
                throw new DomainForbiddenException("Invitations.RoleNotAllowed");
            }
        }

        await validator.EnsureValidAsync(input, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = Invitation.Normalize(email);
        foreach (var earlier in await db.Invitations.Where(i => i.NormalizedEmail == normalized && i.AcceptedAtUtc == null && i.RevokedAtUtc == null).ToListAsync(cancellationToken))
        {
            earlier.Revoke(now);
        }
        var (invitation, token) = Invitation.Issue(email, displayName, role!, partnerId, now, options.Value.InvitationLifetime);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);

        var inviter = currentUser.Principal.FindFirst(PortalClaimTypes.DisplayName)?.Value ?? currentUser.UserName ?? "";
        await emails.SendInvitationAsync(email, displayName.Length > 0 ? displayName : email, inviter, token, invitation.ExpiresAtUtc,
            CultureInfo.CurrentUICulture.Name, cancellationToken);
        return InvitationDto.Of(invitation, now);
    }

    public async Task<IReadOnlyList<InvitationDto>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        var scope = await AdministrationScope.OfAsync(currentUser, permissions, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Invitations.AsNoTracking().Where(i => i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now);
        if (!scope.ManagesEveryone)
        {
            query = query.Where(i => scope.OwnPartnerId != null && i.PartnerOrganisationId == scope.OwnPartnerId);
        }
        return (await query.OrderBy(i => i.ExpiresAtUtc).ToListAsync(cancellationToken)).Select(i => InvitationDto.Of(i, now)).ToList();
    }

}
