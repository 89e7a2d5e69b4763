using System.Security.Claims;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Api;

public sealed record SignInRequest(string? Email, string? Password, string? TwoFactorCode, string? RecoveryCode);

public sealed record SignInResponse(Guid UserId, string DisplayName, bool TwoFactorSetUpRequired);

public sealed record CurrentUserResponse(
    Guid UserId, string Email, string DisplayName, Guid? PartnerOrganisationId, IReadOnlyList<string> Roles,
    string Culture, string TimeZone, bool TwoFactorEnabled, bool TwoFactorSetUpRequired);

public sealed record TwoFactorResponse(bool Enabled, bool Required, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri);

public sealed record TwoFactorCodeRequest(string? Code);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>/api/account: signing in and out for API clients, and the signed-in user's own two-factor set-up.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Requests were checked by their validators before a handler runs (RequestValidationFilter); refusals are the
        // Platform's exceptions (ExceptionProblems). Sign-in outcomes are answers of the protocol, not refusals: they keep
        // their own status codes (401 with requiresTwoFactor, 423).
        var group = endpoints.MapGroup("/api/account").WithTags("Account");

        group.MapPost("/sign-in", SignInAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .AddEndpointFilter<RequireJsonBodyFilter>();
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization();
        group.MapGet("/me", Me).RequireAuthorization();
        group.MapGet("/two-factor", TwoFactorAsync).RequireAuthorization();
        group.MapPost("/two-factor/enable", EnableTwoFactorAsync).RequireAuthorization().AddEndpointFilter<RequireJsonBodyFilter>();
        group.MapPost("/two-factor/recovery-codes", NewRecoveryCodesAsync).RequireAuthorization();
        group.MapPost("/two-factor/disable", DisableTwoFactorAsync).RequireAuthorization();
        // A new key (a lost phone): two-factor is off until the new key is verified through /two-factor/enable.
        group.MapPost("/two-factor/reset", async (ClaimsPrincipal principal, UserManager<PortalUser> users, TwoFactorSetUp twoFactor) =>
            {
                var user = await users.GetUserAsync(principal) ?? throw new ForbiddenException("The signed-in principal has no user.");
                await twoFactor.ResetAsync(user);
                return TypedResults.NoContent();
            })
            .RequireAuthorization();
        // The caller's own signed-in browsers; ending one signs that browser out at its next request.
        group.MapGet("/sessions", (ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct) => sessions.ListAsync(principal, ct))
            .RequireAuthorization();
        group.MapDelete("/sessions/{id:guid}", async (Guid id, ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct) =>
            {
                await sessions.EndAsync(principal, id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization();
        // "Sign out everywhere else": every session of the caller but the one making the request.
        group.MapDelete("/sessions", async (ClaimsPrincipal principal, AccountProfile profile, CancellationToken ct) =>
            {
                await profile.EndOtherSessionsAsync(principal, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization();
        // The caller's own profile: name, language, time zone (a stale concurrency stamp is a 409), and password.
        group.MapGet("/profile", (ClaimsPrincipal principal, AccountProfile profile) => profile.GetAsync(principal)).RequireAuthorization();
        group.MapPut("/profile", (UpdateProfileRequest request, ClaimsPrincipal principal, AccountProfile profile, CancellationToken ct)
                => profile.UpdateAsync(principal, request, ct))
            .RequireAuthorization();
        group.MapPost("/password", async (ChangePasswordRequest request, ClaimsPrincipal principal, AccountProfile profile, CancellationToken ct) =>
            {
                await profile.ChangePasswordAsync(principal, request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization();
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, AccountSignIn signIn, IStringLocalizer<IdentityResource> localizer, CancellationToken cancellationToken)
    {
        var attempt = await signIn.SignInForApiAsync(request.Email!, request.Password!, request.TwoFactorCode, request.RecoveryCode, cancellationToken);
        return attempt.Outcome switch
        {
            SignInOutcome.SignedIn => TypedResults.Ok(new SignInResponse(attempt.UserId!.Value, attempt.DisplayName ?? "", attempt.TwoFactorSetUpRequired)),
            SignInOutcome.RequiresTwoFactor => Unauthorized(localizer["SignIn.TwoFactorRequired"], requiresTwoFactor: true),
            SignInOutcome.InvalidTwoFactorCode => Unauthorized(localizer["SignIn.InvalidCode"], requiresTwoFactor: true),
            SignInOutcome.LockedOut => TypedResults.Problem(title: localizer["SignIn.LockedOut"], statusCode: StatusCodes.Status423Locked),
            _ => Unauthorized(localizer["SignIn.Failed"], requiresTwoFactor: false),
        };
    }

    private static ProblemHttpResult Unauthorized(string title, bool requiresTwoFactor) => TypedResults.Problem(
        title: title,
        statusCode: StatusCodes.Status401Unauthorized,
        extensions: requiresTwoFactor ? new Dictionary<string, object?> { ["requiresTwoFactor"] = true } : null);

    private static async Task<NoContent> SignOutAsync(SignInManager<PortalUser> signInManager)
    {
        await signInManager.SignOutAsync();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Who is signed in, from the session's principal rather than the user's row: the principal was built from the row
    /// at sign-in, is built again at every security-stamp check (each minute, <see cref="PortalIdentityOptions.SecurityStampValidationInterval"/>)
    /// and at once when the user changes their profile or password here (RefreshSignInAsync), and it is what every
    /// other request of the session acts with (culture, time zone, partner, roles). Reading the row as well cost this,
    /// the smallest signed-in request, nine tenths of its time (build/bench/workflows/signed-in.sh). A disabled user or a
    /// new password ends the session itself (the session store), so this answers only for a session that is valid.
    /// </summary>
    private static Results<Ok<CurrentUserResponse>, UnauthorizedHttpResult> Me(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(new CurrentUserResponse(
            userId,
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(PortalClaimTypes.DisplayName) ?? "",
            Guid.TryParse(principal.FindFirstValue(PortalClaimTypes.PartnerOrganisationId), out var partnerId) ? partnerId : null,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            principal.FindFirstValue(PortalClaimTypes.Culture) ?? "",
            principal.FindFirstValue(PortalClaimTypes.TimeZone) ?? "",
            principal.FindFirstValue(IdentityClaimTypes.TwoFactorEnabled) == "true",
            principal.RequiresTwoFactorSetUp()));
    }

    /// <summary>The user's 2FA status; while it is off, also the key to set it up with (created on first request).</summary>
    private static async Task<Results<Ok<TwoFactorResponse>, UnauthorizedHttpResult>> TwoFactorAsync(
        ClaimsPrincipal principal, UserManager<PortalUser> users, TwoFactorSetUp twoFactor)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var status = await twoFactor.GetStatusAsync(user);
        var key = status.Enabled ? null : await twoFactor.GetOrCreateKeyAsync(user);
        return TypedResults.Ok(new TwoFactorResponse(status.Enabled, status.Required, status.RecoveryCodesLeft, key?.SharedKey, key?.AuthenticatorUri));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, UnauthorizedHttpResult>> EnableTwoFactorAsync(
        TwoFactorCodeRequest request, ClaimsPrincipal principal, UserManager<PortalUser> users, TwoFactorSetUp twoFactor,
        IStringLocalizer<IdentityResource> localizer)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var codes = await twoFactor.EnableAsync(user, request.Code!)
                    ?? throw RequestValidationException.For("code", localizer["TwoFactor.InvalidCode"]);
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, UnauthorizedHttpResult>> NewRecoveryCodesAsync(
        ClaimsPrincipal principal, UserManager<PortalUser> users, TwoFactorSetUp twoFactor)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        if (!user.TwoFactorEnabled)
        {
            throw new DomainRuleException("TwoFactor.NotEnabled", typeof(IdentityResource));
        }
        return TypedResults.Ok(new RecoveryCodesResponse(await twoFactor.NewRecoveryCodesAsync(user)));
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> DisableTwoFactorAsync(
        ClaimsPrincipal principal, UserManager<PortalUser> users, TwoFactorSetUp twoFactor)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        return await twoFactor.DisableAsync(user)
            ? TypedResults.NoContent()
            : throw new DomainRuleException("TwoFactor.RequiredForRole", typeof(IdentityResource));
    }
}
