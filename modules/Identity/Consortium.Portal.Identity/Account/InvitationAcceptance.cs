using System.Globalization;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Account;

/// <summary>
/// What an invitation link does for the person invited, who is not signed in yet: tells whether it can still be used,
/// and turns it into an account with the password they choose.
/// </summary>
internal sealed class InvitationAcceptance(
    PortalIdentityDbContext db,
    UserManager<PortalUser> users,
    IStringLocalizer<IdentityResource> localizer,
    TimeProvider clock,
    IAuditLog auditLog)
{
    public async Task<InvitationLookup> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await FindEntityAsync(token, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return invitation is null ? new InvitationLookup(null, null) : new InvitationLookup(invitation.StateAt(now), InvitationDto.Of(invitation, now));
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
}
