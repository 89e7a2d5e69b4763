using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// Account enumeration through lockout (issue 10, item 3): a locked account asked with a wrong password answers as an
/// unknown address does, after the same work (one password hash checked); only the right password learns of the lock.
/// The work is counted, not timed, so the test holds on a loaded machine.
/// </summary>
public abstract class LockoutEnumerationTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task A_locked_account_and_an_unknown_address_get_the_same_answer_after_the_same_work()
    {
        var hasher = new CountingPasswordHasher();
        await using var counted = portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<PortalUser>>(hasher))));
        var email = $"locked.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id);
        await LockAsync(counted, email);
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var unknown = await AttemptAsync(client, hasher, $"nobody.{Guid.NewGuid():N}@example.org", "Wrong-Password-2026");
        var lockedWrong = await AttemptAsync(client, hasher, email, "Wrong-Password-2026");
        var lockedRight = await AttemptAsync(client, hasher, email, DemoUsers.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(unknown.Status, lockedWrong.Status);
        Assert.Equal(unknown.Title, lockedWrong.Title);
        Assert.Equal(1, unknown.HashChecks);
        Assert.Equal(unknown.HashChecks, lockedWrong.HashChecks);
        Assert.Equal(HttpStatusCode.Locked, lockedRight.Status);
        Assert.Equal(1, lockedRight.HashChecks);
    }

    private sealed record Answer(HttpStatusCode Status, string? Title, int HashChecks);

    private static async Task<Answer> AttemptAsync(HttpClient client, CountingPasswordHasher hasher, string email, string password)
    {
        var before = hasher.Verifications;
        var response = await SignIn.PostSignInAsync(client, email, password);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        return new Answer(response.StatusCode, problem.GetProperty("title").GetString(), hasher.Verifications - before);
    }

    private static async Task LockAsync(WebApplicationFactory<Program> app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>The portal's hasher at the test work factor, counting how many hashes it checks.</summary>
    private sealed class CountingPasswordHasher()
        : PasswordHasher<PortalUser>(Options.Create(new PasswordHasherOptions { IterationCount = PortalAppFactory.TestPasswordIterations }))
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class LockoutEnumerationTests_Sqlite(SqlitePortal portal) : LockoutEnumerationTests<SqlitePortal>(portal);

public sealed class LockoutEnumerationTests_PostgreSql(PostgreSqlPortal portal) : LockoutEnumerationTests<PostgreSqlPortal>(portal);
