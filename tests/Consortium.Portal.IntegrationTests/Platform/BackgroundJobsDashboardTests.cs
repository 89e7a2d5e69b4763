using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Security;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

public abstract class BackgroundJobsDashboardTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PlatformPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task An_anonymous_visitor_is_refused_the_dashboard()
    {
        var response = await portal.Anonymous().GetAsync(BackgroundJobsDashboard.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(PortalRoles.Coordinator)]
    [InlineData(PortalRoles.PartnerLead)]
    [InlineData(PortalRoles.Member)]
    [InlineData(PortalRoles.Guest)]
    public async Task A_user_who_is_not_an_administrator_is_refused_the_dashboard(string role)
    {
        var client = portal.SignedIn(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(BackgroundJobsDashboard.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(BackgroundJobsDashboard.Path + "/recurring")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_sees_the_dashboard_with_the_recurring_jobs()
    {
        var response = await portal.SignedIn(PortalRoles.Administrator).GetAsync(BackgroundJobsDashboard.Path + "/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Consortium Portal", html);
        Assert.Contains("platform.outbox-purge", html);
    }

    [Fact]
    public void The_outbox_purge_is_scheduled_daily()
    {
        using var connection = portal.App.Services.GetRequiredService<JobStorage>().GetConnection();

        var purge = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "platform.outbox-purge");
        Assert.Equal(Cron.Daily(3), purge.Cron);
    }
}

public sealed class BackgroundJobsDashboardTests_Sqlite(PlatformSqlitePortal portal)
    : BackgroundJobsDashboardTests<PlatformSqlitePortal, SqlitePortal>(portal);

public sealed class BackgroundJobsDashboardTests_PostgreSql(PlatformPostgreSqlPortal portal)
    : BackgroundJobsDashboardTests<PlatformPostgreSqlPortal, PostgreSqlPortal>(portal);
