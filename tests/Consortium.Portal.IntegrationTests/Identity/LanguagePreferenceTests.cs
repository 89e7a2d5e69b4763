using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class LanguagePreferenceTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task A_language_picked_by_a_signed_in_user_is_kept_on_their_account()
    {
        var email = DemoUsers.MemberOf(ConsortiumPartners.Kcss, 1);
        var client = await portal.AsAsync(email);

        var response = await client.GetAsync("/culture/set?culture=sq&returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        Assert.Equal("sq", user!.PreferredCulture);
    }

    [Fact]
    public async Task On_another_device_the_account_language_is_used_without_a_culture_cookie()
    {
        var email = DemoUsers.MemberOf(ConsortiumPartners.Yucom, 2);
        var first = await portal.AsAsync(email);
        await first.GetAsync("/culture/set?culture=sr-Cyrl&returnUrl=%2F");

        var second = await portal.AsAsync(email);
        var home = await second.GetStringAsync("/");

        Assert.Contains("lang=\"sr-Cyrl\"", home);
    }
}

public sealed class LanguagePreferenceTests_Sqlite(SqlitePortal portal) : LanguagePreferenceTests<SqlitePortal>(portal);

public sealed class LanguagePreferenceTests_PostgreSql(PostgreSqlPortal portal) : LanguagePreferenceTests<PostgreSqlPortal>(portal);
