using System.Collections.Concurrent;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// The portal with people placed by the test in a directory of its own (their partner, so their side; their role;
/// whether they can sign in), and a clock the tests move: deadlines pass without waiting.
/// </summary>
public abstract class WorkflowsPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public FakeDirectory Directory { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Holds the Workflows module's saves while a page test does what a person can do meanwhile.</summary>
    internal HeldSaves WorkflowSaves { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<WorkflowsDbContext>(options => options.AddInterceptors(WorkflowSaves));
        services.RemoveAll<IUserDirectory>();
        services.AddSingleton<IUserDirectory>(Directory);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>A person of <paramref name="partner"/> (its side counts for "one from each side"), signed in.</summary>
    public Person NewPerson(string name, ConsortiumPartners.Partner? partner, string role = PortalRoles.Member)
    {
        var id = Guid.NewGuid();
        Directory.Add(new PortalUserDto(id, $"{id:N}@example.org", name, partner?.Id, [role], false));
        return new Person(id, name, SignedIn(role, id));
    }
}

public sealed record Person(Guid Id, string Name, HttpClient Client);

public sealed class WorkflowsSqlitePortal : WorkflowsPortal<SqlitePortal>;

public sealed class WorkflowsPostgreSqlPortal : WorkflowsPortal<PostgreSqlPortal>;

/// <summary>Users and partners held in memory: what the Identity module answers, without its tables.</summary>
public sealed class FakeDirectory : IUserDirectory
{
    private readonly ConcurrentDictionary<Guid, PortalUserDto> _users = new();

    public void Add(PortalUserDto user) => _users[user.Id] = user;

    public void Disable(Guid userId) => _users[userId] = _users[userId] with { IsDisabled = true };

    public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult(_users.GetValueOrDefault(userId));

    public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
        => Task.FromResult(_users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(userIds.Distinct().Select(id => _users.GetValueOrDefault(id)).OfType<PortalUserDto>().ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_users.Values.Where(u => u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)).ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_users.Values
            .Where(u => u.Roles.Contains(role) && (partnerOrganisationIds is null || (u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)))).ToList());

    public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_users.Values
            .Where(u => !u.IsDisabled && (u.Email.Contains(text, StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(u => u.DisplayName).Take(maxResults).ToList());

    public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>(ConsortiumPartners.All.Select(p => new PartnerOrganisationDto(p.Id, p.ShortName, p.Name, p.Side, Guid.Empty)).ToList());
}
