using System.Globalization;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Identity.Administration;

/// <summary>Other modules' read-only view of users and partners (<see cref="IUserDirectory"/>).</summary>
internal sealed class UserDirectory(PortalIdentityDbContext db) : IUserDirectory
{
    public async Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
        => (await GetUsersAsync([userId], cancellationToken)).FirstOrDefault();

    public async Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var id = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await FindUserAsync(id.Value, cancellationToken);
    }

    public async Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }
        var ids = userIds.Distinct().ToList();
        var found = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesOf = roles.ToLookup(r => r.UserId, r => r.Name!);
        return found.Select(u => ToDto(u, rolesOf[u.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
    {
        if (partnerOrganisationIds.Count == 0)
        {
            return [];
        }
        var partners = partnerOrganisationIds.Distinct().Select(id => (Guid?)id).ToList();
        var ids = await db.Users.AsNoTracking().Where(u => partners.Contains(u.PartnerOrganisationId)).Select(u => u.Id).ToListAsync(cancellationToken);
        return await GetUsersAsync(ids, cancellationToken);
    }

    public async Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
    {
        var holders = from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      join u in db.Users on ur.UserId equals u.Id
                      where r.Name == role
                      select u;
        if (partnerOrganisationIds is not null)
        {
            var partners = partnerOrganisationIds.Distinct().Select(id => (Guid?)id).ToList();
            holders = holders.Where(u => partners.Contains(u.PartnerOrganisationId));
        }
        return await GetUsersAsync(await holders.Select(u => u.Id).Distinct().ToListAsync(cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
    {
        var term = text.Trim();
        if (term.Length == 0 || maxResults < 1)
        {
            return [];
        }
        // The consortium has hundreds of people, not millions: matching in memory lets "Dordevic" find "Đorđević"'s
        // accents aside and works alike on SQLite (whose upper() knows only ASCII) and PostgreSQL.
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        var candidates = await db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var ids = candidates
            .Where(u => compare.IndexOf(u.DisplayName, term, loose) >= 0 || compare.IndexOf(u.Email ?? "", term, loose) >= 0)
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Take(maxResults)
            .Select(u => u.Id)
            .ToList();
        var found = (await GetUsersAsync(ids, cancellationToken)).ToDictionary(u => u.Id);
        return ids.Select(id => found[id]).ToList();
    }

    public async Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
        => (await db.PartnerOrganisations.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(p => p.Side).ThenBy(p => p.ShortName, StringComparer.OrdinalIgnoreCase)
            .Select(PartnerAdministration.ToDto).ToList();

    private static PortalUserDto ToDto(PortalUser u, IReadOnlyList<string> roles)
        => new(u.Id, u.Email ?? "", u.DisplayName, u.PartnerOrganisationId, roles, u.IsDisabled, u.PreferredCulture, u.TimeZoneId);
}
