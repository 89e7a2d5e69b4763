using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class PartnerApiTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private async Task<(HttpClient Client, PartnerOrganisationDto Partner)> NewPartnerAsync()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var created = await coordinator.PostAsJsonAsync("/api/identity/partners",
            new { shortName = "W" + Guid.NewGuid().ToString("N")[..6], name = "Women in Dialogue Network", side = "Kosovo" }, SignIn.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (coordinator, (await created.Content.ReadFromJsonAsync<PartnerOrganisationDto>(SignIn.Json))!);
    }

    [Fact]
    public async Task The_eight_partners_are_listed_with_their_sides()
    {
        var member = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Bprg));

        var partners = await member.GetFromJsonAsync<List<PartnerOrganisationDto>>("/api/identity/partners", SignIn.Json);

        foreach (var expected in ConsortiumPartners.All)
        {
            var partner = Assert.Single(partners!, p => p.Id == expected.Id);
            Assert.Equal((expected.ShortName, expected.Name, expected.Side), (partner.ShortName, partner.Name, partner.Side));
        }
        Assert.Equal(4, ConsortiumPartners.All.Count(p => p.Side == PartnerSide.Kosovo));
        Assert.Equal(4, ConsortiumPartners.All.Count(p => p.Side == PartnerSide.Serbia));
    }

    [Fact]
    public async Task An_edit_with_the_stamp_read_is_saved_and_renews_the_stamp()
    {
        var (client, partner) = await NewPartnerAsync();

        var response = await client.PutAsJsonAsync($"/api/identity/partners/{partner.Id}",
            new { shortName = partner.ShortName, name = "Women in Dialogue", side = "Serbia", concurrencyStamp = partner.ConcurrencyStamp }, SignIn.Json);
        var saved = await response.Content.ReadFromJsonAsync<PartnerOrganisationDto>(SignIn.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Women in Dialogue", PartnerSide.Serbia), (saved!.Name, saved.Side));
        Assert.NotEqual(partner.ConcurrencyStamp, saved.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_stale_edit_is_a_409_problem_and_the_first_edit_stands()
    {
        var (client, partner) = await NewPartnerAsync();
        var administrator = await portal.AsAsync(DemoUsers.Administrator);

        var first = await administrator.PutAsJsonAsync($"/api/identity/partners/{partner.Id}",
            new { shortName = partner.ShortName, name = "First Writer", side = "Kosovo", concurrencyStamp = partner.ConcurrencyStamp }, SignIn.Json);
        var stale = await client.PutAsJsonAsync($"/api/identity/partners/{partner.Id}",
            new { shortName = partner.ShortName, name = "Second Writer", side = "Kosovo", concurrencyStamp = partner.ConcurrencyStamp }, SignIn.Json);
        var partners = await client.GetFromJsonAsync<List<PartnerOrganisationDto>>("/api/identity/partners", SignIn.Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (await stale.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("status").GetInt32());
        Assert.Equal("First Writer", partners!.Single(p => p.Id == partner.Id).Name);
    }

    [Fact]
    public async Task An_edit_without_a_stamp_is_refused()
    {
        var (client, partner) = await NewPartnerAsync();

        var response = await client.PutAsJsonAsync($"/api/identity/partners/{partner.Id}",
            new { shortName = partner.ShortName, name = "No Stamp", side = "Kosovo" }, SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors").TryGetProperty("concurrencyStamp", out _));
    }

    [Fact]
    public async Task Invalid_partners_are_refused_per_field_and_change_nothing()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var before = (await coordinator.GetFromJsonAsync<List<PartnerOrganisationDto>>("/api/identity/partners", SignIn.Json))!.Count;

        var duplicate = await coordinator.PostAsJsonAsync("/api/identity/partners", new { shortName = "bcsp", name = "Another BCSP", side = "Serbia" }, SignIn.Json);
        var empty = await coordinator.PostAsJsonAsync("/api/identity/partners", new { shortName = "", name = "", side = "Montenegro" }, SignIn.Json);
        var after = (await coordinator.GetFromJsonAsync<List<PartnerOrganisationDto>>("/api/identity/partners", SignIn.Json))!.Count;

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(["shortName"], await ErrorFieldsAsync(duplicate));
        Assert.Equal(["name", "shortName", "side"], await ErrorFieldsAsync(empty));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Editing_an_unknown_partner_is_404()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var response = await coordinator.PutAsJsonAsync($"/api/identity/partners/{Guid.NewGuid()}",
            new { shortName = "X", name = "Nobody", side = "Kosovo", concurrencyStamp = Guid.NewGuid() }, SignIn.Json);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400_problem_and_creates_nothing()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var response = await coordinator.PostAsync("/api/identity/partners", new StringContent("{\"shortName\": \"OOPS\", ", System.Text.Encoding.UTF8, "application/json"));
        var partners = await coordinator.GetFromJsonAsync<List<PartnerOrganisationDto>>("/api/identity/partners", SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(partners!, p => p.ShortName == "OOPS");
    }

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
}

public sealed class PartnerApiTests_Sqlite(SqlitePortal portal) : PartnerApiTests<SqlitePortal>(portal);

public sealed class PartnerApiTests_PostgreSql(PostgreSqlPortal portal) : PartnerApiTests<PostgreSqlPortal>(portal);
