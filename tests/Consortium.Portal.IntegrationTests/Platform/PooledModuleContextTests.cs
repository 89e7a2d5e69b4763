using System.Security.Claims;
using System.Text.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// The modules' DbContexts are pooled (issue 16): one instance serves one scope after another, and each scope's save
/// writes that scope's user into the audit fields and the audit log, and that scope's integration events into the
/// outbox, never the previous renter's.
/// </summary>
public abstract class PooledModuleContextTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task A_context_rented_by_two_scopes_saves_each_with_its_own_user_and_events()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var workspaceId = Guid.NewGuid();
        var visit = new PeerVisitArranged("Prizren " + Guid.NewGuid().ToString("N")[..8], "Peja");

        WorkspacesDbContext rented;
        await using (var scope = portal.Scope())
        {
            SignIn(scope, first, "first@kspag.example");
            rented = scope.ServiceProvider.GetRequiredService<WorkspacesDbContext>();
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(visit);
            rented.Workspaces.Add(Workspace.Create(workspaceId, "Pooled roundtable", null, null, first, DateTime.UtcNow));
            await rented.SaveChangesAsync();
            Assert.NotNull(rented.Scope);
        }
        // Back in the pool, it holds nothing of the scope that had it.
        Assert.Null(rented.Scope);

        var others = new List<AsyncServiceScope>();
        try
        {
            // The pool hands out its contexts in turn; the scopes that got another one are kept open until the first comes round.
            var scope = portal.Scope();
            others.Add(scope);
            var again = scope.ServiceProvider.GetRequiredService<WorkspacesDbContext>();
            while (!ReferenceEquals(again, rented))
            {
                Assert.True(others.Count < 2000, "The pool never handed out the first context again.");
                scope = portal.Scope();
                others.Add(scope);
                again = scope.ServiceProvider.GetRequiredService<WorkspacesDbContext>();
            }
            SignIn(scope, second, "second@kspag.example");
            var workspace = await again.Workspaces.SingleAsync(w => w.Id == workspaceId);
            Assert.Equal(EntityState.Unchanged, again.Entry(workspace).State);
            workspace.Describe("Pooled roundtable, renamed", null, null);
            await again.SaveChangesAsync();
        }
        finally
        {
            foreach (var scope in others)
            {
                await scope.DisposeAsync();
            }
        }

        await using var check = portal.Scope();
        var saved = await check.ServiceProvider.GetRequiredService<WorkspacesDbContext>().Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId);
        Assert.Equal(first, saved.CreatedBy);
        Assert.Equal(second, saved.ModifiedBy);
        var platform = check.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var audit = await platform.AuditLog.AsNoTracking().Where(a => a.EntityId == workspaceId.ToString() && a.EntityType == nameof(Workspace))
            .ToListAsync();
        Assert.Equal(first, Assert.Single(audit, a => a.Action == "Workspace.created").UserId);
        Assert.Equal(second, Assert.Single(audit, a => a.Action == "Workspace.updated").UserId);
        var name = IntegrationEventNames.NameOf(typeof(PeerVisitArranged));
        var visits = (await platform.OutboxMessages.AsNoTracking().Where(m => m.EventName == name).ToListAsync())
            .Select(m => JsonSerializer.Deserialize<PeerVisitArranged>(m.Payload, IntegrationEventNames.JsonOptions))
            .Where(v => v == visit);
        // Published in the first scope: saved once, by its save, and not again by the second scope's.
        Assert.Single(visits);
    }

    private static void SignIn(AsyncServiceScope scope, Guid userId, string email)
        => scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, email)], "test"));
}

public sealed class PooledModuleContextTests_Sqlite(PlatformSqlitePortal portal)
    : PooledModuleContextTests<PlatformSqlitePortal, SqlitePortal>(portal);

public sealed class PooledModuleContextTests_PostgreSql(PlatformPostgreSqlPortal portal)
    : PooledModuleContextTests<PlatformPostgreSqlPortal, PostgreSqlPortal>(portal);
