using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Auditing;

public abstract class AuditLogSearchTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Guid Coordinator = Guid.Parse("7d1e4c2a-9b3f-4e5d-8a6c-0f1e2d3c4b5a");
    private static readonly Guid Member = Guid.Parse("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    private PlatformTestHost _host = default!;
    private DateTime _start;

    public async Task InitializeAsync()
    {
        _host = await PlatformTestHost.StartAsync(provider);
        _start = _host.Clock.GetUtcNow().UtcDateTime;
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var lines = new (Guid? User, string Action, string? Type, string? Id)[]
        {
            (Coordinator, "identity.sign-in", "PortalUser", "coordinator"),
            (Member, "identity.sign-in.failed", "PortalUser", "member"),
            (Coordinator, "permission.granted", "Role", "Coordinator"),
            (Member, "Document.updated", "Document", "17"),
            (null, "Document.updated", "Document", "18"),
            (Coordinator, "Document.deleted", "Document", "17"),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            db.AuditLog.Add(new AuditLogEntry
            {
                Id = Guid.CreateVersion7(), AtUtc = _start.AddMinutes(i), UserId = lines[i].User, UserName = lines[i].User?.ToString(),
                Action = lines[i].Action, EntityType = lines[i].Type, EntityId = lines[i].Id,
            });
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<PagedResult<AuditLogEntryDto>> SearchAsync(AuditLogQuery query)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditLogSearch>().SearchAsync(query);
    }

    [Fact]
    public async Task Lines_come_newest_first_with_the_total()
    {
        var result = await SearchAsync(new AuditLogQuery());

        Assert.Equal(6, result.TotalCount);
        Assert.Equal(["Document.deleted", "Document.updated", "Document.updated", "permission.granted", "identity.sign-in.failed", "identity.sign-in"],
            result.Items.Select(i => i.Action));
    }

    [Fact]
    public async Task Lines_are_found_by_action_prefix_entity_and_user()
    {
        Assert.Equal(2, (await SearchAsync(new AuditLogQuery(ActionPrefix: "identity.sign-in"))).TotalCount);
        Assert.Equal(["17", "17"], (await SearchAsync(new AuditLogQuery(EntityType: "Document", EntityId: "17"))).Items.Select(i => i.EntityId));
        Assert.All((await SearchAsync(new AuditLogQuery(UserId: Member))).Items, i => Assert.Equal(Member, i.UserId));
        Assert.Equal(2, (await SearchAsync(new AuditLogQuery(UserId: Member))).TotalCount);
    }

    [Fact]
    public async Task The_time_range_includes_its_start_and_excludes_its_end()
    {
        var result = await SearchAsync(new AuditLogQuery(FromUtc: _start.AddMinutes(1), ToUtc: _start.AddMinutes(3)));

        Assert.Equal(["permission.granted", "identity.sign-in.failed"], result.Items.Select(i => i.Action));
    }

    [Fact]
    public async Task Paging_returns_the_asked_page_of_the_whole_result()
    {
        var second = await SearchAsync(new AuditLogQuery(Page: 2, PageSize: 4));

        Assert.Equal(6, second.TotalCount);
        Assert.Equal(["identity.sign-in.failed", "identity.sign-in"], second.Items.Select(i => i.Action));
    }
}

public sealed class AuditLogSearchTests_Sqlite() : AuditLogSearchTests(DatabaseProvider.Sqlite);

public sealed class AuditLogSearchTests_PostgreSql() : AuditLogSearchTests(DatabaseProvider.PostgreSql);
