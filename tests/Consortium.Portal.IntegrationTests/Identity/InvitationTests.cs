using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract partial class InvitationTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string NewPassword = "plum orchard under the bridge";

    private static object Invite(string email, string role, Guid? partner, string displayName = "Arta Krasniqi")
        => new { email, displayName, role, partnerOrganisationId = partner };

    [Fact]
    public async Task A_partner_lead_invites_a_member_who_sets_a_password_and_signs_in()
    {
        var lead = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Kcss));
        var email = $"arta.{Guid.NewGuid():N}@example.org";

        var invited = await lead.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id), SignIn.Json);
        var token = await TokenSentToAsync(email);
        var visitor = portal.CreatePortalClient();
        var form = await visitor.GetAsync($"/account/accept-invitation?token={token}");
        var accepted = await Forms.SubmitAsync(visitor, $"/account/accept-invitation?token={token}", "accept-invitation", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Arta Krasniqi",
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        var signedIn = await portal.AsAsync(email, NewPassword);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/account/me", SignIn.Json);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("id=\"password\"", await form.Content.ReadAsStringAsync());
        Assert.Contains("id=\"invitation-accepted\"", await accepted.Content.ReadAsStringAsync());
        Assert.Equal("Arta Krasniqi", me.GetProperty("displayName").GetString());
        Assert.Equal([PortalRoles.Member], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(ConsortiumPartners.Kcss.Id, me.GetProperty("partnerOrganisationId").GetGuid());
    }

    [Fact]
    public async Task A_used_invitation_link_is_refused()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var email = $"once.{Guid.NewGuid():N}@example.org";
        await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Guest, null), SignIn.Json);
        var token = await TokenSentToAsync(email);
        var fields = new Dictionary<string, string> { ["Input.DisplayName"] = "Guest Expert", ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword };
        await Forms.SubmitAsync(portal.CreatePortalClient(), $"/account/accept-invitation?token={token}", "accept-invitation", fields);

        var again = await portal.CreatePortalClient().GetAsync($"/account/accept-invitation?token={token}");

        var text = await Forms.TextOfAsync(again);
        Assert.Contains("id=\"invitation-refused\"", text);
        Assert.Contains(Localized("Invitation.Accepted"), text);
        Assert.DoesNotContain("id=\"password\"", text);
    }

    [Fact]
    public async Task An_expired_invitation_link_is_refused_and_creates_nobody()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var email = $"late.{Guid.NewGuid():N}@example.org";
        await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Member, ConsortiumPartners.Bfpe.Id), SignIn.Json);
        var token = await TokenSentToAsync(email);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var normalized = email.ToUpperInvariant();
            await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().Invitations
                .Where(i => i.NormalizedEmail == normalized)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        var page = await portal.CreatePortalClient().GetAsync($"/account/accept-invitation?token={token}");
        var signIn = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, NewPassword);

        var text = await Forms.TextOfAsync(page);
        Assert.Contains("id=\"invitation-refused\"", text);
        Assert.Contains(Localized("Invitation.Expired"), text);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        var page = await portal.CreatePortalClient().GetAsync("/account/accept-invitation?token=not-a-real-token");

        Assert.Contains(Localized("Invitation.Unknown"), await Forms.TextOfAsync(page));
    }

    [Fact]
    public async Task A_common_password_is_refused_on_acceptance_and_the_link_still_works()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var email = $"weak.{Guid.NewGuid():N}@example.org";
        await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Member, ConsortiumPartners.D4D.Id), SignIn.Json);
        var token = await TokenSentToAsync(email);

        var refused = await Forms.SubmitAsync(portal.CreatePortalClient(), $"/account/accept-invitation?token={token}", "accept-invitation",
            new Dictionary<string, string> { ["Input.DisplayName"] = "Weak", ["Input.Password"] = "Password12345", ["Input.ConfirmPassword"] = "Password12345" });
        var stillOpen = await portal.CreatePortalClient().GetAsync($"/account/accept-invitation?token={token}");

        Assert.Contains(Localized("Password.TooCommon"), await Forms.TextOfAsync(refused));
        Assert.Contains("id=\"password\"", await stillOpen.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partner_lead_invites_only_for_their_own_partner_and_only_staff_roles()
    {
        var lead = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Kcss));

        var otherPartner = await lead.PostAsJsonAsync("/api/identity/invitations",
            Invite($"x.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.Bprg.Id), SignIn.Json);
        var coordinatorRole = await lead.PostAsJsonAsync("/api/identity/invitations",
            Invite($"y.{Guid.NewGuid():N}@example.org", PortalRoles.Coordinator, ConsortiumPartners.Kcss.Id), SignIn.Json);
        var asLead = await lead.PostAsJsonAsync("/api/identity/invitations",
            Invite($"z.{Guid.NewGuid():N}@example.org", PortalRoles.PartnerLead, ConsortiumPartners.Kcss.Id), SignIn.Json);

        Assert.Equal(HttpStatusCode.Forbidden, otherPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinatorRole.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asLead.StatusCode);
    }

    [Fact]
    public async Task Invalid_invitations_are_refused_per_field()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var existing = await coordinator.PostAsJsonAsync("/api/identity/invitations",
            Invite(DemoUsers.MemberOf(ConsortiumPartners.Bprg), PortalRoles.Member, ConsortiumPartners.Bprg.Id), SignIn.Json);
        var bad = await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite("not-an-address", "Overlord", null), SignIn.Json);
        var memberWithoutPartner = await coordinator.PostAsJsonAsync("/api/identity/invitations",
            Invite($"m.{Guid.NewGuid():N}@example.org", PortalRoles.Member, null), SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, existing.StatusCode);
        Assert.Equal(["email"], await ErrorFieldsAsync(existing));
        Assert.Equal(["email", "role"], await ErrorFieldsAsync(bad));
        Assert.Equal(["partnerOrganisationId"], await ErrorFieldsAsync(memberWithoutPartner));
    }

    [Fact]
    public async Task A_new_invitation_to_the_same_address_replaces_the_old_link()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var email = $"twice.{Guid.NewGuid():N}@example.org";
        await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Guest, null), SignIn.Json);
        var first = await TokenSentToAsync(email);
        await coordinator.PostAsJsonAsync("/api/identity/invitations", Invite(email, PortalRoles.Guest, null), SignIn.Json);
        var second = await TokenSentToAsync(email, skip: first);

        var old = await portal.CreatePortalClient().GetAsync($"/account/accept-invitation?token={first}");
        var current = await portal.CreatePortalClient().GetAsync($"/account/accept-invitation?token={second}");

        Assert.Contains(Localized("Invitation.Revoked"), await Forms.TextOfAsync(old));
        Assert.Contains("id=\"password\"", await current.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        var email = $"forgetful.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Yucom.Id);

        var asked = await Forms.SubmitAsync(portal.CreatePortalClient(), "/account/forgot-password", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = email });
        var link = await LinkSentToAsync(email, "/account/reset-password");
        var reset = await Forms.SubmitAsync(portal.CreatePortalClient(), link.PathAndQuery, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        var oldPassword = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, DemoUsers.Password);
        var newPassword = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, NewPassword);

        Assert.Contains("id=\"reset-sent\"", await asked.Content.ReadAsStringAsync());
        Assert.Contains("id=\"reset-done\"", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    private string Localized(string key) => portal.Services.GetRequiredService<IStringLocalizer<IdentityResource>>()[key];

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    /// <summary>The invitation token in the newest e-mail to <paramref name="email"/> in the pick-up folder.</summary>
    private async Task<string> TokenSentToAsync(string email, string? skip = null)
    {
        var link = await LinkSentToAsync(email, "/account/accept-invitation", skip);
        return Uri.UnescapeDataString(TokenParameter().Match(link.Query).Groups[1].Value);
    }

    private async Task<Uri> LinkSentToAsync(string email, string path, string? skip = null)
    {
        var folder = Path.Combine(portal.DataFolder, "mail");
        var link = await Eventually.GetAsync(() => FindLinkAsync(folder, email, path, skip), found => found is not null,
            $"an e-mail to {email} with a link to {path} in {folder}");
        return link!;
    }

    /// <summary>The newest link to <paramref name="path"/> in an e-mail to <paramref name="email"/> written so far, if any.</summary>
    private static async Task<Uri?> FindLinkAsync(string folder, string email, string path, string? skip)
    {
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Order().Reverse() : [])
        {
            using var message = await MimeMessage.LoadAsync(file);
            if (!message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var match = Regex.Match(message.TextBody ?? "", "https?://\\S+" + Regex.Escape(path) + "\\?\\S+");
            if (match.Success && (skip is null || !match.Value.Contains(Uri.EscapeDataString(skip), StringComparison.Ordinal)))
            {
                return new Uri(match.Value);
            }
        }
        return null;
    }

    [GeneratedRegex("[?&]token=([^&]+)")]
    private static partial Regex TokenParameter();
}

public sealed class InvitationTests_Sqlite(SqlitePortal portal) : InvitationTests<SqlitePortal>(portal);

public sealed class InvitationTests_PostgreSql(PostgreSqlPortal portal) : InvitationTests<PostgreSqlPortal>(portal);
