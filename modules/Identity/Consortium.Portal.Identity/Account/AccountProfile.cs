using System.Security.Claims;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Time;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Account;

/// <summary>What the signed-in user may change about themselves; <paramref name="ConcurrencyStamp"/> is sent back with a change.</summary>
public sealed record ProfileResponse(
    Guid UserId, string Email, string DisplayName, string Culture, string TimeZone, bool TwoFactorEnabled, string ConcurrencyStamp);

/// <summary>A new name, language and time zone (an IANA id such as "Europe/Tirane"), based on the version read.</summary>
public sealed record UpdateProfileRequest(string? DisplayName, string? Culture, string? TimeZone, string? ConcurrencyStamp);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// The signed-in user's own profile: name, language, time zone and password. A change renews the session's claims at
/// once (the name in the app bar, the language of the next page, the zone every date is shown in).
/// </summary>
internal sealed class AccountProfile(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    PortalIdentityDbContext db,
    IValidator<UpdateProfileRequest> profileValidator,
    IValidator<ChangePasswordRequest> passwordValidator,
    IStringLocalizer<IdentityResource> text,
    IAuditLog auditLog,
    PortalCache cache)
{
    public async Task<ProfileResponse> GetAsync(ClaimsPrincipal principal)
        => ToResponse(await UserOfAsync(principal));

    /// <summary>Saves the profile; a stamp other than the stored one means someone changed it since it was read (409).</summary>
    public async Task<ProfileResponse> UpdateAsync(ClaimsPrincipal principal, UpdateProfileRequest request, CancellationToken cancellationToken = default)
    {
        await profileValidator.EnsureValidAsync(request, cancellationToken);
        var user = await UserOfAsync(principal);
        if (!string.Equals(user.ConcurrencyStamp, request.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(nameof(PortalUser), user.Id, ToResponse(user));
        }
        user.DisplayName = request.DisplayName!.Trim();
        user.PreferredCulture = PortalCultures.Normalize(request.Culture)!;
        user.TimeZoneId = request.TimeZone!.Trim();
        // UpdateAsync compares the stamp it loaded with the row's, so a change saved between our read and this write loses too.
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                throw new ConcurrencyConflictException(nameof(PortalUser), user.Id);
            }
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        await signIn.RefreshSignInAsync(user);
        await auditLog.WriteAsync(new AuditRecord("identity.profile.updated", nameof(PortalUser), user.Id.ToString()), cancellationToken);
        return ToResponse(user);
    }

    /// <summary>
    /// Changes the password after checking the current one. The new security stamp ends the user's other sessions;
    /// this one is renewed, so the person changing it stays signed in.
    /// </summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal principal, ChangePasswordRequest request, CancellationToken cancellationToken = default)
    {
        await passwordValidator.EnsureValidAsync(request, cancellationToken);
        var user = await UserOfAsync(principal);
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            throw wrongCurrent
                ? RequestValidationException.For("currentPassword", text["Profile.WrongPassword"])
                : RequestValidationException.For("newPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await signIn.RefreshSignInAsync(user);
        await auditLog.WriteAsync(new AuditRecord("identity.password.changed", nameof(PortalUser), user.Id.ToString()), cancellationToken);
    }

    /// <summary>Ends every session of the user but this one ("sign out everywhere else"); returns how many ended.</summary>
    public async Task<int> EndOtherSessionsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var user = await UserOfAsync(principal);
        var current = AccountSessions.CurrentSessionOf(principal);
        var others = await db.Sessions.Where(s => s.UserId == user.Id && s.Id != current).Select(s => s.Id).ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return 0;
        }
        var ended = await db.Sessions.Where(s => s.UserId == user.Id && others.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in others)
        {
            cache.Invalidate(DatabaseTicketStore.CacheTagOf(id));
        }
        await auditLog.WriteAsync(new AuditRecord("identity.session.others-ended", nameof(PortalUser), user.Id.ToString()), cancellationToken);
        return ended;
    }

    private async Task<PortalUser> UserOfAsync(ClaimsPrincipal principal)
        => await users.GetUserAsync(principal) ?? throw new ForbiddenException("The signed-in principal has no user.");

    private static ProfileResponse ToResponse(PortalUser user) => new(
        user.Id, user.Email ?? "", user.DisplayName, user.PreferredCulture, user.TimeZoneId, user.TwoFactorEnabled, user.ConcurrencyStamp ?? "");
}

internal sealed class UpdateProfileRequestValidator : AbstractValidator<UpdateProfileRequest>
{
    public UpdateProfileRequestValidator(IStringLocalizer<IdentityResource> text, IStringLocalizer<Platform.PlatformResource> platformText)
    {
        // A blank name is told as missing: the one rule told "at most 128 characters" to someone who had cleared the field.
        RuleFor(p => p.DisplayName)
            .Must(n => !string.IsNullOrWhiteSpace(n))
            .WithMessage(_ => text["Validation.Required"]);
        RuleFor(p => p.DisplayName)
            .Must(n => n is null || n.Trim().Length <= PortalUser.MaxDisplayNameLength)
            .WithMessage(_ => text["Validation.DisplayName", PortalUser.MaxDisplayNameLength]);
        RuleFor(p => p.DisplayName).OneLine(platformText);
        RuleFor(p => p.Culture).Must(c => PortalCultures.Normalize(c) is not null).WithMessage(_ => text["Profile.UnknownLanguage"]);
        RuleFor(p => p.TimeZone).Must(TimeZoneChoices.IsIanaZone).WithMessage(_ => text["Profile.UnknownTimeZone"]);
        RuleFor(p => p.ConcurrencyStamp).AsRead(platformText);
    }
}

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator(IStringLocalizer<IdentityResource> text)
    {
        RuleFor(p => p.CurrentPassword).Must(p => !string.IsNullOrEmpty(p)).WithMessage(_ => text["Validation.PasswordRequired"]);
        RuleFor(p => p.NewPassword).Must(p => !string.IsNullOrEmpty(p)).WithMessage(_ => text["Validation.PasswordRequired"]);
    }
}
