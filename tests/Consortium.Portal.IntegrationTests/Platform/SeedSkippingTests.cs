using System.Net;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// A start on a database that this build already seeded with the same inputs skips the seeders (issue 16, cold start);
/// one whose inputs changed seeds again. The class's portal starts on the run's seeded copy, which a portal of this
/// build with the same settings seeded: its own start is the second start of an unchanged build.
/// </summary>
public abstract class SeedSkippingTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task A_start_of_an_unchanged_build_on_a_seeded_database_skips_the_seeders_and_is_ready_with_the_seeded_data()
    {
        var client = portal.CreatePortalClient();

        Assert.True(portal.Services.GetRequiredService<StartupSeeding>().Skipped, "the seeders ran again on an unchanged database");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var signedIn = await SignIn.PostSignInAsync(client, DemoUsers.Coordinator, DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_changed_seeder_setting_seeds_again_and_the_start_after_it_skips()
    {
        portal.CreatePortalClient().Dispose();
        const string email = "first.admin@consortium.example";
        void Bootstrap(Microsoft.AspNetCore.Hosting.IWebHostBuilder b) => b
            .UseSetting("Identity:BootstrapAdmin:Email", email)
            .UseSetting("Identity:BootstrapAdmin:Password", "quarry lantern beside Prizren");

        await using (var changed = portal.WithWebHostBuilder(Bootstrap))
        {
            Assert.Equal(HttpStatusCode.OK, (await changed.CreateClient().GetAsync("/health/ready")).StatusCode);
            Assert.False(changed.Services.GetRequiredService<StartupSeeding>().Skipped, "a new bootstrap administrator was not seeded");
            await using var scope = changed.Services.CreateAsyncScope();
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email));
        }

        await using var again = portal.WithWebHostBuilder(Bootstrap);
        again.CreateClient().Dispose();
        Assert.True(again.Services.GetRequiredService<StartupSeeding>().Skipped);
    }

    [Fact]
    public async Task Turning_the_demo_data_off_seeds_again()
    {
        portal.CreatePortalClient().Dispose();
        var before = await portal.Services.GetRequiredService<SeedFingerprintStore>().ReadAsync(CancellationToken.None);

        await using var withoutDemo = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "false"));
        withoutDemo.CreateClient().Dispose();

        Assert.False(withoutDemo.Services.GetRequiredService<StartupSeeding>().Skipped);
        var after = await withoutDemo.Services.GetRequiredService<SeedFingerprintStore>().ReadAsync(CancellationToken.None);
        Assert.NotNull(before);
        Assert.NotEqual(before, after);
        Assert.Equal(SeedFingerprint.Compute(withoutDemo.Services.GetRequiredService<ModuleCatalog>(), withoutDemo.Services, includeDemoData: false), after);
    }
}

public sealed class SeedSkippingTests_Sqlite(SqlitePortal portal) : SeedSkippingTests<SqlitePortal>(portal);

public sealed class SeedSkippingTests_PostgreSql(PostgreSqlPortal portal) : SeedSkippingTests<PostgreSqlPortal>(portal);
