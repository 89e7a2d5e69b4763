using System.Globalization;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Administration;

public sealed record InvitationInput(string? Email, string? DisplayName, string? Role, Guid? PartnerOrganisationId);

public sealed record InvitationDto(Guid Id, string Email, string DisplayName, string Role, Guid? PartnerOrganisationId, DateTime ExpiresAtUtc, InvitationState State);

/// <summary>What an invitation link leads to: the invitation if it can still be used, otherwise why not.</summary>
public sealed record InvitationLookup(InvitationState? State, InvitationDto? Invitation)
{
    public bool IsUsable => State == InvitationState.Pending;
}

/// <summary>
/// Inviting people by e-mail and accepting invitations. Coordinators and administrators invite anyone; a partner
/// lead invites staff of their own partner only, as Member or PartnerLead.
/// </summary>
internal sealed class Invitations(
    PortalIdentityDbContext db,
    UserManager<PortalUser> users,
    ICurrentUser currentUser,
    IPermissionChecker permissions,
    AccountEmails emails,
    IStringLocalizer<IdentityResource> localizer,
    IOptions<PortalIdentityOptions> options,
    TimeProvider clock,
    IAuditLog auditLog)
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
        var role = PortalRoles.All.FirstOrDefault(r => string.Equals(r, input.Role?.Trim(), StringComparison.OrdinalIgnoreCase));
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

        var errors = new FieldErrors();
        if (email.Length == 0)
        {
            errors.Add("email", localizer["Validation.Required"]);
        }
        else if (email.Length > Invitation.MaxEmailLength || !FieldErrors.LooksLikeEmail(email))
        {
            errors.Add("email", localizer["Validation.Email"]);
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("email", localizer["Invitations.AlreadyUser"]);
        }
        if (displayName.Length > PortalUser.MaxDisplayNameLength)
        {
            errors.Add("displayName", localizer["Validation.TooLong", PortalUser.MaxDisplayNameLength]);
        }
        if (role is null)
        {
            errors.Add("role", localizer["Validation.Role"]);
        }
        else if (!scope.GrantableRoles.Contains(role))
        {
            errors.Add("role", localizer["Users.RoleNotGrantable"]);
        }
        else
        {
            await ValidatePartnerForRoleAsync(db, localizer, errors, role, partnerId, cancellationToken);
        }
        errors.ThrowIfAny();

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
        return ToDto(invitation, now);
    }

    /// <summary>Role rules shared by invitations and role changes: partner staff belong to a partner, guests to none.</summary>
    internal static async Task ValidatePartnerForRoleAsync(PortalIdentityDbContext db, IStringLocalizer localizer, FieldErrors errors,
        string role, Guid? partnerId, CancellationToken cancellationToken)
    {
        if (role is PortalRoles.Member or PortalRoles.PartnerLead && partnerId is null)
        {
            errors.Add("partnerOrganisationId", localizer["Users.PartnerRequired"]);
        }
        else if (role == PortalRoles.Guest && partnerId is not null)
        {
            errors.Add("partnerOrganisationId", localizer["Users.GuestHasNoPartner"]);
        }
        else if (partnerId is { } id && !await db.PartnerOrganisations.AnyAsync(p => p.Id == id, cancellationToken))
        {
            errors.Add("partnerOrganisationId", localizer["Users.PartnerUnknown"]);
        }
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
        return (await query.OrderBy(i => i.ExpiresAtUtc).ToListAsync(cancellationToken)).Select(i => ToDto(i, now)).ToList();
    }

    public async Task<InvitationLookup> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await FindEntityAsync(token, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return invitation is null ? new InvitationLookup(null, null) : new InvitationLookup(invitation.StateAt(now), ToDto(invitation, now));
    }

    /// <summary>Creates the invitee's account with the chosen password and marks the invitation used, in one transaction.</summary>
    public async Task<IdentityResult> AcceptAsync(string token, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var invitation = await FindEntityAsync(token, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation is null)
        {
            throw new InvitationNotUsableException(InvitationState.Revoked);
        }
        if (invitation.StateAt(now) != InvitationState.Pending)
        {
            throw new InvitationNotUsableException(invitation.StateAt(now));
        }
        var name = string.IsNullOrWhiteSpace(displayName) ? invitation.DisplayName : displayName.Trim();
        if (name.Length == 0 || name.Length > PortalUser.MaxDisplayNameLength)
        {
            return IdentityResult.Failed(new IdentityError { Code = "DisplayName", Description = localizer["Validation.DisplayName", PortalUser.MaxDisplayNameLength] });
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = new PortalUser
            {
                Id = Guid.CreateVersion7(),
                UserName = invitation.Email,
                Email = invitation.Email,
                // Following the link proved the address.
                EmailConfirmed = true,
                DisplayName = name,
                PartnerOrganisationId = invitation.PartnerOrganisationId,
                PreferredCulture = SupportedCulture(CultureInfo.CurrentUICulture.Name),
                CreatedBy = invitation.CreatedBy,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return created;
            }
            var inRole = await users.AddToRoleAsync(user, invitation.Role);
            if (!inRole.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return inRole;
            }
            invitation.Accept(user.Id, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await auditLog.WriteAsync(new AuditRecord("identity.invitation.accepted", nameof(Invitation), invitation.Id.ToString(), UserId: user.Id, UserName: user.UserName), cancellationToken);
            return IdentityResult.Success;
        });
    }

    private async Task<Invitation?> FindEntityAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }
        var hash = InvitationToken.Hash(token.Trim());
        return await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    /// <summary>The portal's culture closest to the one the invitee used when accepting.</summary>
    internal static string SupportedCulture(string name) => name switch
    {
        _ when name.StartsWith("sq", StringComparison.OrdinalIgnoreCase) => "sq",
        _ when name.StartsWith("sr-Cyrl", StringComparison.OrdinalIgnoreCase) => "sr-Cyrl",
        _ when name.StartsWith("sr", StringComparison.OrdinalIgnoreCase) => "sr-Latn",
        _ => "en",
    };

    private static InvitationDto ToDto(Invitation i, DateTime now)
        => new(i.Id, i.Email, i.DisplayName, i.Role, i.PartnerOrganisationId, i.ExpiresAtUtc, i.StateAt(now));
}

/// <summary>Forbidden with a message the user should read (403 with a localized title).</summary>
public sealed class DomainForbiddenException(string messageKey) : DomainRuleException(messageKey, typeof(IdentityResource))
{
    public override int StatusCode => 403;
}
