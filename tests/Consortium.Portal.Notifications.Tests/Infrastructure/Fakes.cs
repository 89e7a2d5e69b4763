using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Mail;

namespace Consortium.Portal.Notifications.Tests.Infrastructure;

public sealed class Outbox : IIntegrationEventPublisher
{
    public List<IIntegrationEvent> Published { get; } = [];

    public void Publish(IIntegrationEvent integrationEvent) => Published.Add(integrationEvent);
}

public sealed class Mailbox : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];

    public Exception? Failure { get; set; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

public sealed class Directory : IUserDirectory
{
    public Dictionary<Guid, PortalUserDto> Users { get; } = [];

    public PortalUserDto Add(string email, string culture = "en", string timeZone = "Europe/Belgrade", string displayName = "Ana")
    {
        var user = new PortalUserDto(Guid.NewGuid(), email, displayName, null, ["Member"], false, culture, timeZone);
        Users[user.Id] = user;
        return user;
    }

    public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default) => Task.FromResult(Users.GetValueOrDefault(userId));

    public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
        => Task.FromResult(Users.Values.FirstOrDefault(u => u.Email == email));

    public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(userIds.Where(Users.ContainsKey).Select(id => Users[id]).ToList());

    public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([]);

    public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Values
            .Where(u => u.PartnerOrganisationId is { } partner && partnerOrganisationIds.Contains(partner)).ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Values
            .Where(u => u.Roles.Contains(role) && (partnerOrganisationIds is null || (u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)))).ToList());

    public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Values
            .Where(u => u.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase) || u.Email.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Take(maxResults).ToList());
}
