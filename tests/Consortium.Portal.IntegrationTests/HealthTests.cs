using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests;

public abstract class StartupTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal portal;

    protected StartupTests(TPortal portal)
    {
        portal.StartsOnSeededCopy = false; // the first start of an installation, on an empty database
        this.portal = portal;
    }

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
