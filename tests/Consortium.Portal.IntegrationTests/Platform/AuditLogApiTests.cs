using Consortium.Portal.Platform.Paging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Consortium.Portal.Identity.Domain;

namespace Consortium.Portal.IntegrationTests.Platform;

public abstract class AuditLogApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PlatformPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes audit lines under an action prefix of this test's own, one minute apart, oldest first.</summary>
    private async Task<(string Prefix, DateTime Start, Guid Member)> SeedAsync()
    {
        var prefix = $"tests.{Guid.NewGuid():N}.";
        var start = new DateTime(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc);
        var member = Guid.NewGuid();
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var lines = new (string Action, Guid? User, string EntityId)[]
        {
            ("meeting.scheduled", null, "m-1"),
            ("meeting.moved", member, "m-1"),
            ("minutes.approved", member, "m-1"),
            ("meeting.scheduled", null, "m-2"),
            ("meeting.cancelled", member, "m-2"),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            db.AuditLog.Add(new AuditLogEntry
            {
                Id = Guid.CreateVersion7(),
                AtUtc = start.AddMinutes(i),
                UserId = lines[i].User,
                UserName = lines[i].User is null ? null : "member@d4d.example",
                IpAddress = "203.0.113.7",
                Action = prefix + lines[i].Action,
                EntityType = "ForumMeeting",
                EntityId = prefix + lines[i].EntityId,
            });
        }
        await db.SaveChangesAsync();
        return (prefix, start, member);
    }

    private static async Task<PagedResult<AuditLogEntryDto>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PagedResult<AuditLogEntryDto>>(Json))!;
    }

    [Fact]
    public async Task Each_line_reads_as_a_sentence_with_the_persons_name_and_the_objects_name()
    {
        var person = Guid.NewGuid();
        var prefix = $"tests.{Guid.NewGuid():N}";
        await using (var scope = portal.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var created = await users.CreateAsync(new PortalUser
            {
                Id = person, UserName = $"{prefix}@d4d.example", Email = $"{prefix}@d4d.example", DisplayName = "Blerta Gashi",
            });
            Assert.True(created.Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
            db.AuditLog.AddRange(
                new AuditLogEntry
                {
                    Id = Guid.CreateVersion7(), AtUtc = at, UserId = person, UserName = $"{prefix}@d4d.example", Action = "Workspace.updated",
                    EntityType = "Workspace", EntityId = prefix, EntityName = "Youth roundtables 2027",
                    Details = """[{"property":"Name","from":"Youth roundtables","to":"Youth roundtables 2027"}]""",
                },
                new AuditLogEntry
                {
                    Id = Guid.CreateVersion7(), AtUtc = at.AddMinutes(1), UserId = person, Action = "identity.password.changed",
                    EntityType = "PortalUser", EntityId = person.ToString(),
                });
            await db.SaveChangesAsync();
        }

        var page = await ReadAsync(await portal.SignedIn(PortalRoles.Coordinator).GetAsync($"{AuditLogPaths.Api}?userId={person}"));

        Assert.Equal(
            ["Blerta Gashi changed their password", "Blerta Gashi renamed the workspace “Youth roundtables” to “Youth roundtables 2027”"],
            page.Items.Select(i => i.Summary));
        Assert.All(page.Items, i => Assert.Equal("Blerta Gashi", i.Person));
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_with_401()
    {
        var response = await portal.Anonymous().GetAsync(AuditLogPaths.Api);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(PortalRoles.PartnerLead)]
    [InlineData(PortalRoles.Member)]
    [InlineData(PortalRoles.Guest)]
    public async Task A_user_without_the_permission_is_refused_with_403(string role)
    {
        var response = await portal.SignedIn(role).GetAsync(AuditLogPaths.Api);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(PortalRoles.Administrator)]
    [InlineData(PortalRoles.Coordinator)]
    public async Task Administrators_and_the_coordinator_read_the_audit_log(string role)
    {
        var (prefix, _, _) = await SeedAsync();

        var result = await ReadAsync(await portal.SignedIn(role).GetAsync($"{AuditLogPaths.Api}?action={prefix}"));

        Assert.Equal(5, result.TotalCount);
        var newest = result.Items[0];
        Assert.Equal(prefix + "meeting.cancelled", newest.Action);
        Assert.Equal("ForumMeeting", newest.EntityType);
        Assert.Equal(prefix + "m-2", newest.EntityId);
        Assert.Equal("member@d4d.example", newest.UserName);
        Assert.Equal("203.0.113.7", newest.IpAddress);
        Assert.Equal(new DateTime(2026, 2, 10, 9, 4, 0, DateTimeKind.Utc), newest.AtUtc);
    }

    [Fact]
    public async Task Lines_are_filtered_by_action_prefix_entity_user_and_time()
    {
        var (prefix, start, member) = await SeedAsync();
        var client = portal.SignedIn(PortalRoles.Coordinator);

        var scheduled = await ReadAsync(await client.GetAsync($"{AuditLogPaths.Api}?action={prefix}meeting.s"));
        Assert.Equal([prefix + "m-2", prefix + "m-1"], scheduled.Items.Select(i => i.EntityId));

        var firstMeeting = await ReadAsync(await client.GetAsync($"{AuditLogPaths.Api}?entityType=ForumMeeting&entityId={prefix}m-1"));
        Assert.Equal(["minutes.approved", "meeting.moved", "meeting.scheduled"], firstMeeting.Items.Select(i => i.Action[prefix.Length..]));

        var byMember = await ReadAsync(await client.GetAsync($"{AuditLogPaths.Api}?userId={member}"));
        Assert.Equal(3, byMember.TotalCount);
        Assert.All(byMember.Items, i => Assert.Equal(member, i.UserId));

        var from = Uri.EscapeDataString(start.AddMinutes(1).ToString("O"));
        var to = Uri.EscapeDataString(start.AddMinutes(3).ToString("O"));
        var window = await ReadAsync(await client.GetAsync($"{AuditLogPaths.Api}?action={prefix}&from={from}&to={to}"));
        Assert.Equal(["minutes.approved", "meeting.moved"], window.Items.Select(i => i.Action[prefix.Length..]));
    }

    [Fact]
    public async Task Pages_split_the_result_and_carry_the_total()
    {
        var (prefix, _, _) = await SeedAsync();
        var client = portal.SignedIn(PortalRoles.Administrator);

        var pages = new List<PagedResult<AuditLogEntryDto>>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await ReadAsync(await client.GetAsync($"{AuditLogPaths.Api}?action={prefix}&pageSize=2&page={page}")));
        }

        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(
            ["meeting.cancelled", "meeting.scheduled", "minutes.approved", "meeting.moved", "meeting.scheduled"],
            pages.SelectMany(p => p.Items).Select(i => i.Action[prefix.Length..]));
        Assert.Equal(2, pages[1].Page);
        Assert.Equal(2, pages[1].PageSize);
    }

    [Fact]
    public async Task Bad_query_values_get_problem_details_with_an_error_per_field()
    {
        var response = await portal.SignedIn(PortalRoles.Coordinator)
            .GetAsync($"{AuditLogPaths.Api}?page=0&pageSize=500&userId=someone&from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["from", "page", "pageSize", "userId"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.All(errors.EnumerateObject(), e => Assert.False(string.IsNullOrWhiteSpace(e.Value[0].GetString())));
    }
}

public sealed class AuditLogApiTests_Sqlite(PlatformSqlitePortal portal) : AuditLogApiTests<PlatformSqlitePortal, SqlitePortal>(portal);

public sealed class AuditLogApiTests_PostgreSql(PlatformPostgreSqlPortal portal) : AuditLogApiTests<PlatformPostgreSqlPortal, PostgreSqlPortal>(portal);
