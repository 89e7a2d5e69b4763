using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// The data-protection key ring lives in the database: another instance on the same database, or this one after a
/// restart, reads what the first protected (session cookies, antiforgery tokens, links in e-mails).
/// </summary>
public abstract class DataProtectionKeyRingTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task What_one_instance_protects_another_instance_on_the_same_database_can_read()
    {
        portal.CreatePortalClient().Dispose();
        var protectedByFirst = portal.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Consortium.Portal.Tests").Protect("the same key ring");

        await using var second = portal.WithWebHostBuilder(_ => { });
        second.CreateClient().Dispose();
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Consortium.Portal.Tests").Unprotect(protectedByFirst);

        Assert.Equal("the same key ring", unprotected);
    }

    [Fact]
    public async Task A_session_cookie_from_one_instance_is_honoured_by_another()
    {
        var first = portal.CreatePortalClient();
        var signedIn = await SignIn.PostSignInAsync(first, DemoUsers.MemberOf(ConsortiumPartners.Kcss), DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("__Host-", StringComparison.Ordinal));

        await using var second = portal.WithWebHostBuilder(_ => { });
        var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/me");
        request.Headers.Add("Cookie", cookie);
        var me = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task The_keys_are_stored_in_the_platform_table_and_never_copied_into_the_audit_log()
    {
        portal.CreatePortalClient().Dispose();
        portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Consortium.Portal.Tests").Protect("x");

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.NotEmpty(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(await db.AuditLog.AsNoTracking().Select(e => e.EntityType).ToListAsync(),
            type => type != null && type.Contains("DataProtectionKey", StringComparison.Ordinal));
    }
}

public sealed class DataProtectionKeyRingTests_Sqlite(SqlitePortal portal) : DataProtectionKeyRingTests<SqlitePortal>(portal);

public sealed class DataProtectionKeyRingTests_PostgreSql(PostgreSqlPortal portal) : DataProtectionKeyRingTests<PostgreSqlPortal>(portal);
