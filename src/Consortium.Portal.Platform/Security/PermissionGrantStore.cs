using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Security;

/// <summary>Grants per role, read from the database and cached until a grant changes.</summary>
internal sealed class PermissionGrantStore(IServiceProvider services, IMemoryCache cache, PermissionDefinitionCatalog definitions)
    : IPermissionGrantStore
{
    // Resolved on a cache miss only: nearly every request checks a permission, and nearly every check is answered
    // from the cache, without the cost of making a DbContext.
    private PlatformDbContext Db => field ??= services.GetRequiredService<PlatformDbContext>();

    private IAuditLog AuditLog => field ??= services.GetRequiredService<IAuditLog>();

    private static string CacheKey(string role) => "permission-grants:" + role;

    public async Task<IReadOnlySet<string>> GetGrantedPermissionsAsync(string role, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(role), out IReadOnlySet<string>? granted) && granted is not null)
        {
            return granted;
        }
        var permissions = await Db.PermissionGrants.AsNoTracking()
            .Where(g => g.Role == role).Select(g => g.Permission).ToListAsync(cancellationToken);
        granted = permissions.ToHashSet(StringComparer.Ordinal);
        cache.Set(CacheKey(role), granted, TimeSpan.FromMinutes(10));
        return granted;
    }

    public async Task SetGrantAsync(string role, string permission, bool granted, CancellationToken cancellationToken = default)
    {
        if (!PortalRoles.All.Contains(role))
        {
            throw new ArgumentException($"'{role}' is not a role of the portal.", nameof(role));
        }
        if (!definitions.IsDefined(permission))
        {
            throw new ArgumentException($"'{permission}' is not a defined permission.", nameof(permission));
        }
        var existing = await Db.PermissionGrants.FindAsync([role, permission], cancellationToken);
        if (granted == (existing is not null))
        {
            return;
        }
        if (granted)
        {
            Db.PermissionGrants.Add(new PermissionGrant { Role = role, Permission = permission });
        }
        else
        {
            Db.PermissionGrants.Remove(existing!);
        }
        await Db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(role));
        await AuditLog.WriteAsync(new AuditRecord(granted ? "permission.granted" : "permission.revoked", "Role", role, permission), cancellationToken);
    }

    /// <summary>Applies the default grants of permissions never seen before; revocations made since are kept.</summary>
    public async Task SeedDefaultGrantsAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        var seeded = (await Db.SeededPermissions.Select(s => s.Permission).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var existing = (await Db.PermissionGrants.ToListAsync(cancellationToken)).Select(g => (g.Role, g.Permission)).ToHashSet();
        foreach (var definition in definitions.All.Where(d => !seeded.Contains(d.Name)))
        {
            foreach (var role in definition.DefaultRoles.Where(r => !existing.Contains((r, definition.Name))))
            {
                Db.PermissionGrants.Add(new PermissionGrant { Role = role, Permission = definition.Name });
            }
            Db.SeededPermissions.Add(new SeededPermission { Permission = definition.Name, SeededAtUtc = clock.GetUtcNow().UtcDateTime });
        }
        await Db.SaveChangesAsync(cancellationToken);
        foreach (var role in PortalRoles.All)
        {
            cache.Remove(CacheKey(role));
        }
    }
}
