using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests;

public abstract class StartupTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task The_portal_starts_and_applies_its_migrations()
    {
        var client = portal.CreatePortalClient();

        var response = await client.GetAsync("/not-found");

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}

public sealed class StartupTests_Sqlite(SqlitePortal portal) : StartupTests<SqlitePortal>(portal);

public sealed class StartupTests_PostgreSql(PostgreSqlPortal portal) : StartupTests<PostgreSqlPortal>(portal);
