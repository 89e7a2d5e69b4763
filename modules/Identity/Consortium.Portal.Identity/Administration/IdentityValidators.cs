using System.Linq.Expressions;
using Consortium.Portal.Identity.Api;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Administration;

// The rules of the Identity requests. The Platform runs them on every endpoint that takes one of these requests
// (RequestValidationFilter), the services run them again for the pages, which call them directly, and the MudBlazor
// forms check each field with them as the user leaves it (FormValidation). Field names are the JSON ones.
// Rules that need the thing being changed (a short name taken by another partner, one's own role) stay in the service.

internal sealed class PartnerInputValidator : AbstractValidator<PartnerInput>
{
    public PartnerInputValidator(IStringLocalizer<IdentityResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.PartnerRules(p => p.ShortName, p => p.Name, p => p.Side, text);
        RuleFor(p => p.ShortName).OneLine(platformText);
        RuleFor(p => p.Name).OneLine(platformText);
    }
}

internal sealed class UpdatePartnerRequestValidator : AbstractValidator<UpdatePartnerRequest>
{
    public UpdatePartnerRequestValidator(IStringLocalizer<IdentityResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.PartnerRules(p => p.ShortName, p => p.Name, p => p.Side, text);
        RuleFor(p => p.ShortName).OneLine(platformText);
        RuleFor(p => p.Name).OneLine(platformText);
        // The stamp of the version the caller read: without it a save could silently overwrite someone else's.
        RuleFor(p => p.ConcurrencyStamp).AsRead(platformText);
    }
}

/// <summary>
/// An invitation names a new address, a known role this inviter may give, and the partner that role needs. A partner
/// lead's invitation is for their own partner (when they name none, theirs); naming another partner or a role beyond
/// staff is not a field error but a refusal (403) of <see cref="Invitations"/>, so those rules leave it alone here.
/// </summary>
internal sealed class InvitationInputValidator : AbstractValidator<InvitationInput>
{
    public InvitationInputValidator(IStringLocalizer<IdentityResource> text, IStringLocalizer<PlatformResource> platformText,
        IUserDirectory directory, ICurrentUser currentUser, IPermissionChecker permissions)
    {
        RuleFor(i => i.DisplayName).OneLine(platformText);
        RuleFor(i => i.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => text["Validation.Required"]);
        RuleFor(i => i.Email)
            .Must(e => e!.Trim().Length <= Invitation.MaxEmailLength && IdentityRules.LooksLikeEmail(e.Trim()))
            .When(i => !string.IsNullOrWhiteSpace(i.Email))
            .WithMessage(_ => text["Validation.Email"])
            .DependentRules(() => RuleFor(i => i.Email)
                .MustAsync(async (e, ct) => await directory.FindUserByEmailAsync(e!.Trim(), ct) is null)
                .When(i => !string.IsNullOrWhiteSpace(i.Email))
                .WithMessage(_ => text["Invitations.AlreadyUser"]));
        RuleFor(i => i.DisplayName)
            .Must(n => n is null || n.Trim().Length <= PortalUser.MaxDisplayNameLength)
            .WithMessage(_ => text["Validation.TooLong", PortalUser.MaxDisplayNameLength]);
        RuleFor(i => i.Role).Must(r => IdentityRules.Role(r) is not null).WithMessage(_ => text["Validation.Role"]);
        RuleFor(i => i.Role)
            .MustAsync(async (r, ct) =>
            {
                var scope = await AdministrationScope.OfAsync(currentUser, permissions, ct);
                return !scope.ManagesEveryone || scope.GrantableRoles.Contains(IdentityRules.Role(r)!);
            })
            .When(i => IdentityRules.Role(i.Role) is not null)
            .WithMessage(_ => text["Users.RoleNotGrantable"]);
        RuleFor(i => i.PartnerOrganisationId)
            .CustomAsync(async (partnerId, context, ct) =>
            {
                if (IdentityRules.Role(context.InstanceToValidate.Role) is not { } role)
                {
                    return;
                }
                var scope = await AdministrationScope.OfAsync(currentUser, permissions, ct);
                if (scope.GrantableRoles.Contains(role))
                {
                    await IdentityRules.CheckPartnerForRoleAsync(context, directory, text, role, scope.ManagesEveryone ? partnerId : partnerId ?? scope.OwnPartnerId, ct);
                }
            });
    }
}

/// <summary>A user's new role, one the current user may give, with the partner that role needs.</summary>
internal sealed class UserAssignmentValidator : AbstractValidator<UserAssignment>
{
    public UserAssignmentValidator(IStringLocalizer<IdentityResource> text, IUserDirectory directory, ICurrentUser currentUser, IPermissionChecker permissions)
    {
        RuleFor(a => a.Role).Must(r => IdentityRules.Role(r) is not null).WithMessage(_ => text["Validation.Role"]);
        RuleFor(a => a.Role)
            .MustAsync(async (r, ct) => (await AdministrationScope.OfAsync(currentUser, permissions, ct)).GrantableRoles.Contains(IdentityRules.Role(r)!))
            .When(a => IdentityRules.Role(a.Role) is not null)
            .WithMessage(_ => text["Users.RoleNotGrantable"])
            .DependentRules(() => RuleFor(a => a.PartnerOrganisationId)
                .CustomAsync((partnerId, context, ct) =>
                    IdentityRules.CheckPartnerForRoleAsync(context, directory, text, IdentityRules.Role(context.InstanceToValidate.Role)!, partnerId, ct))
                .When(a => IdentityRules.Role(a.Role) is not null));
    }
}

internal sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
{
    public SignInRequestValidator(IStringLocalizer<IdentityResource> text)
    {
        RuleFor(r => r.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => text["Validation.Required"]);
        RuleFor(r => r.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage(_ => text["Validation.Required"]);
    }
}

internal sealed class TwoFactorCodeRequestValidator : AbstractValidator<TwoFactorCodeRequest>
{
    // The same message as a wrong code: an empty code is simply not the right one.
    public TwoFactorCodeRequestValidator(IStringLocalizer<IdentityResource> text)
        => RuleFor(r => r.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(_ => text["TwoFactor.InvalidCode"]);
}

/// <summary>The field rules the Identity requests share.</summary>
internal static class IdentityRules
{
    public static void PartnerRules<T>(this AbstractValidator<T> validator,
        Expression<Func<T, string?>> shortName, Expression<Func<T, string?>> name, Expression<Func<T, string?>> side, IStringLocalizer text)
    {
        validator.RuleFor(shortName).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(_ => text["Validation.Required"]);
        validator.RuleFor(shortName)
            .Must(s => string.IsNullOrWhiteSpace(s) || s.Trim().Length <= PartnerOrganisationConsts.MaxShortNameLength)
            .WithMessage(_ => text["Validation.TooLong", PartnerOrganisationConsts.MaxShortNameLength]);
        validator.RuleFor(name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["Validation.Required"]);
        validator.RuleFor(name)
            .Must(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length <= PartnerOrganisationConsts.MaxNameLength)
            .WithMessage(_ => text["Validation.TooLong", PartnerOrganisationConsts.MaxNameLength]);
        validator.RuleFor(side).Must(s => Side(s) is not null).WithMessage(_ => text["Partners.SideInvalid"]);
    }

    /// <summary>The side by its name; null for anything else (Enum.TryParse would also take "1" or "Kosovo,Serbia").</summary>
    public static PartnerSide? Side(string? side)
        => Enum.GetNames<PartnerSide>().FirstOrDefault(n => string.Equals(n, side?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } found
            ? Enum.Parse<PartnerSide>(found)
            : null;

    /// <summary>The portal role by its name, in its own spelling; null for an unknown one.</summary>
    public static string? Role(string? role) => PortalRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Partner staff belong to a known partner, guests to none.</summary>
    public static async Task CheckPartnerForRoleAsync<T>(ValidationContext<T> context, IUserDirectory directory, IStringLocalizer text,
        string role, Guid? partnerId, CancellationToken cancellationToken)
    {
        const string field = "partnerOrganisationId";
        if (role is PortalRoles.Member or PortalRoles.PartnerLead && partnerId is null)
        {
            context.AddFailure(field, text["Users.PartnerRequired"]);
        }
        else if (role == PortalRoles.Guest && partnerId is not null)
        {
            context.AddFailure(field, text["Users.GuestHasNoPartner"]);
        }
        else if (partnerId is { } id && !(await directory.GetPartnersAsync(cancellationToken)).Any(p => p.Id == id))
        {
            context.AddFailure(field, text["Users.PartnerUnknown"]);
        }
    }

    public static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
               && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }
}
