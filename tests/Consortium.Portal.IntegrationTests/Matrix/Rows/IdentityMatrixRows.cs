using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>The Identity module: partners, users, invitations and role grants by permission; the caller's own account.</summary>
public sealed class IdentityMatrixRows : IEndpointMatrixRows
{
    private static readonly string[] Managers = [PortalRoles.Administrator, PortalRoles.Coordinator];
    private static readonly string[] Staff = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];
    private static readonly string[] Inviters = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead];

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", "/api/identity/partners", Expect.Roles(Staff), _ => Get("/api/identity/partners")),
        MatrixRow.Http("POST", "/api/identity/partners", Expect.Roles(Managers), _ => Json(HttpMethod.Post, "/api/identity/partners",
            new { shortName = Unique("P"), name = "Peer Visit Partner", side = "Serbia" })),
        MatrixRow.Http("PUT", "/api/identity/partners/{id:guid}", Expect.Roles(Managers), async call =>
        {
            var partner = await NewPartnerAsync(call.Scene.Portal);
            return Json(HttpMethod.Put, $"/api/identity/partners/{partner.Id}",
                new { shortName = Unique("M"), name = "Matrix Partner", side = "Kosovo", concurrencyStamp = partner.ConcurrencyStamp });
        }),
        MatrixRow.Http("GET", "/api/identity/users", Expect.Roles(Inviters), _ => Get("/api/identity/users")),
        MatrixRow.Http("POST", "/api/identity/users/{id:guid}/disable", Expect.Roles(Managers),
            async call => Send(HttpMethod.Post, $"/api/identity/users/{await NewTargetUserAsync(call.Scene.Portal)}/disable")),
        MatrixRow.Http("POST", "/api/identity/users/{id:guid}/enable", Expect.Roles(Managers),
            async call => Send(HttpMethod.Post, $"/api/identity/users/{await NewTargetUserAsync(call.Scene.Portal)}/enable")),
        MatrixRow.Http("PUT", "/api/identity/users/{id:guid}/assignment", Expect.Roles(Managers), async call => Json(HttpMethod.Put,
            $"/api/identity/users/{await NewTargetUserAsync(call.Scene.Portal)}/assignment", new { role = PortalRoles.Member, partnerOrganisationId = ConsortiumPartners.Kcss.Id })),
        MatrixRow.Http("GET", "/api/identity/invitations", Expect.Roles(Inviters), _ => Get("/api/identity/invitations")),
        // A partner lead invites staff of their own partner only: the invitee joins the caller's partner.
        MatrixRow.Http("POST", "/api/identity/invitations", Expect.Roles(Inviters), c => Json(HttpMethod.Post, "/api/identity/invitations",
            new
            {
                email = $"invitee.{Guid.NewGuid():N}@example.org", displayName = "Invitee", role = PortalRoles.Member,
                partnerOrganisationId = (c.Caller == Caller.Anonymous ? null : c.Scene.Person(c.Caller).PartnerId) ?? ConsortiumPartners.Kcss.Id,
            })),
        MatrixRow.Http("GET", "/api/identity/roles/permissions", Expect.Roles(PortalRoles.Administrator), _ => Get("/api/identity/roles/permissions")),
        MatrixRow.Http("PUT", "/api/identity/roles/{role}/permissions/{permission}", Expect.Roles(PortalRoles.Administrator), _ => Json(HttpMethod.Put,
            $"/api/identity/roles/{PortalRoles.Guest}/permissions/{IdentityPermissions.Users.Manage}", new { granted = false })),

        // The caller's own account. Signing in is open to anyone; the rest needs a session, whatever the role.
        MatrixRow.Http("POST", "/api/account/sign-in", Expect.Anyone,
            async call => Json(HttpMethod.Post, "/api/account/sign-in", new { email = call.Person!.Email, password = DemoUsers.Password, twoFactorCode = await TwoFactorCodeAsync(call) }),
            MatrixSession.Throwaway),
        MatrixRow.Http("POST", "/api/account/sign-out", Expect.SignedIn, _ => Task.FromResult(Send(HttpMethod.Post, "/api/account/sign-out")), MatrixSession.Throwaway),
        MatrixRow.Http("GET", "/api/account/me", Expect.SignedIn, _ => Get("/api/account/me")),
        MatrixRow.Http("GET", "/api/account/two-factor", Expect.SignedIn, _ => Get("/api/account/two-factor")),
        MatrixRow.Http("POST", "/api/account/two-factor/enable", Expect.SignedIn,
            async call => Json(HttpMethod.Post, "/api/account/two-factor/enable", new { code = await CurrentCodeAsync(call) }), MatrixSession.Throwaway),
        MatrixRow.Http("POST", "/api/account/two-factor/recovery-codes", Expect.SignedIn, async call =>
        {
            await EnsureTwoFactorAsync(call);
            return Send(HttpMethod.Post, "/api/account/two-factor/recovery-codes");
        }, MatrixSession.Throwaway),
        // The roles that must sign in with a second factor cannot turn it off.
        MatrixRow.Http("POST", "/api/account/two-factor/disable", Expect.SignedIn
                .With(Caller.Administrator, Outcome.Refused(HttpStatusCode.BadRequest)).With(Caller.Coordinator, Outcome.Refused(HttpStatusCode.BadRequest)), _ => Task.FromResult(Send(HttpMethod.Post, "/api/account/two-factor/disable")),
            MatrixSession.Throwaway),
        // The caller's own sessions; ending one is allowed to anyone signed in, for their own session only (another's is 404).
        MatrixRow.Http("GET", "/api/account/sessions", Expect.SignedIn, _ => Get("/api/account/sessions")),
        MatrixRow.Http("DELETE", "/api/account/sessions/{id:guid}", Expect.SignedIn, async call =>
        {
            var sessions = await call.Person!.Client.GetFromJsonAsync<JsonElement>("/api/account/sessions", SignIn.Json);
            var current = sessions.EnumerateArray().First(s => s.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetGuid();
            return Send(HttpMethod.Delete, $"/api/account/sessions/{current}");
        }, MatrixSession.Throwaway),
        MatrixRow.Http("DELETE", "/api/account/sessions", Expect.SignedIn, _ => Task.FromResult(Send(HttpMethod.Delete, "/api/account/sessions")),
            MatrixSession.Throwaway),
        MatrixRow.Http("POST", "/api/account/two-factor/reset", Expect.SignedIn,
            _ => Task.FromResult(Send(HttpMethod.Post, "/api/account/two-factor/reset")), MatrixSession.Throwaway),
        // The caller's own profile: anyone signed in reads and changes their own, never another's (there is no id to name).
        MatrixRow.Http("GET", "/api/account/profile", Expect.SignedIn, _ => Get("/api/account/profile")),
        MatrixRow.Http("PUT", "/api/account/profile", Expect.SignedIn, async call =>
        {
            var stamp = call.Caller == Caller.Anonymous
                ? "stamp"
                : (await call.Person!.Client.GetFromJsonAsync<JsonElement>("/api/account/profile", SignIn.Json)).GetProperty("concurrencyStamp").GetString();
            return Json(HttpMethod.Put, "/api/account/profile", new { displayName = "Matrix Caller", culture = "en", timeZone = "Europe/Belgrade", concurrencyStamp = stamp });
        }, MatrixSession.Throwaway),
        MatrixRow.Http("POST", "/api/account/password", Expect.SignedIn, _ => Task.FromResult(Json(HttpMethod.Post, "/api/account/password",
            new { currentPassword = DemoUsers.Password, newPassword = "Matrix-Caller-Password-2026" })), MatrixSession.Throwaway),
    ];

    private static async Task<PartnerOrganisation> NewPartnerAsync(PortalAppFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var partner = new PartnerOrganisation(Guid.CreateVersion7(), Unique("T"), "Matrix Partner", PartnerSide.Kosovo);
        db.PartnerOrganisations.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    /// <summary>A user of its own to disable, enable or reassign, so one caller's allowed change does not spoil the next.</summary>
    private static async Task<Guid> NewTargetUserAsync(PortalAppFactory portal)
    {
        var email = $"target.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id, password: null);
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The throwaway's code when its role signs in with a second factor (set up when it first signed in).</summary>
    private static async Task<string?> TwoFactorCodeAsync(MatrixCall call)
        => call.Caller != Caller.Anonymous && PortalRoles.RequiringTwoFactor.Contains(call.Person!.Role)
            ? SignIn.CurrentCode((await SignIn.AuthenticatorKeyAsync(call.Scene.Portal, call.Person.Email))!)
            : null;

    /// <summary>A current code of the throwaway's authenticator: the key offered for set-up, or the one already enabled.</summary>
    private static async Task<string> CurrentCodeAsync(MatrixCall call)
    {
        if (call.Caller == Caller.Anonymous)
        {
            return "000000";
        }
        var status = await call.Person!.Client.GetFromJsonAsync<JsonElement>("/api/account/two-factor", SignIn.Json);
        var key = status.GetProperty("sharedKey").GetString() ?? await SignIn.AuthenticatorKeyAsync(call.Scene.Portal, call.Person.Email);
        return SignIn.CurrentCode(key!);
    }

    /// <summary>New recovery codes are only for an account with two-factor sign-in on.</summary>
    private static async Task EnsureTwoFactorAsync(MatrixCall call)
    {
        if (call.Caller == Caller.Anonymous)
        {
            return;
        }
        var status = await call.Person!.Client.GetFromJsonAsync<JsonElement>("/api/account/two-factor", SignIn.Json);
        if (!status.GetProperty("enabled").GetBoolean())
        {
            await SignIn.EnableTwoFactorAsync(call.Person.Client);
        }
    }
}
