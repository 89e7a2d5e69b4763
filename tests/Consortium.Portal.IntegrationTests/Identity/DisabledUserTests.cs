using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class DisabledUserTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal _portal;

    protected DisabledUserTests(TPortal portal)
    {
        _portal = portal;
        // In production sessions are checked every minute; a second keeps the test short and proves the same path.
        portal.Settings["Identity:SecurityStampValidationInterval"] = "00:00:01";
        // The interval passes on the portal's clock, advanced by the test rather than waited for.
        portal.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_open_session_ends_within_the_interval()
    {
        var email = $"leaving.{Guid.NewGuid():N}@example.org";
        var id = await _portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Bcsp.Id);
        var session = await _portal.AsAsync(email);
        var coordinator = await _portal.AsAsync(DemoUsers.Coordinator);

        var before = await session.GetAsync("/api/account/me");
        var disabled = await coordinator.PostAsync($"/api/identity/users/{id}/disable", null);
        var signInAgain = await SignIn.PostSignInAsync(_portal.CreatePortalClient(), email, DemoUsers.Password);
        _portal.Clock!.Advance(TimeSpan.FromSeconds(1.5));
        var after = await session.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_tells_the_other_modules_through_the_outbox()
    {
        var email = $"leaving.{Guid.NewGuid():N}@example.org";
        var id = await _portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Bcsp.Id);
        var coordinator = await _portal.AsAsync(DemoUsers.Coordinator);

        await coordinator.PostAsync($"/api/identity/users/{id}/disable", null);

        await using var scope = _portal.Services.CreateAsyncScope();
        var outbox = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages
            .Where(m => m.EventName == "identity.user-disabled").Select(m => m.Payload).ToListAsync();
        Assert.Contains(outbox, payload => payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_enabled_user_signs_in_again()
    {
        var email = $"returning.{Guid.NewGuid():N}@example.org";
        var id = await _portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Bcsp.Id);
        var coordinator = await _portal.AsAsync(DemoUsers.Coordinator);

        await coordinator.PostAsync($"/api/identity/users/{id}/disable", null);
        var enabled = await coordinator.PostAsync($"/api/identity/users/{id}/enable", null);
        var signIn = await SignIn.PostSignInAsync(_portal.CreatePortalClient(), email, DemoUsers.Password);

        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Nobody_disables_their_own_account()
    {
        var coordinator = await _portal.AsAsync(DemoUsers.Coordinator);
        var own = await _portal.UserIdAsync(DemoUsers.Coordinator);

        var response = await coordinator.PostAsync($"/api/identity/users/{own}/disable", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class DisabledUserTests_Sqlite(SqlitePortal portal) : DisabledUserTests<SqlitePortal>(portal);

public sealed class DisabledUserTests_PostgreSql(PostgreSqlPortal portal) : DisabledUserTests<PostgreSqlPortal>(portal);
