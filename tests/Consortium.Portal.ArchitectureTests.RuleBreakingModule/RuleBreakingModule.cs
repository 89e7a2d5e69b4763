using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Modularity;
using Microsoft.EntityFrameworkCore;

// Every type here breaks a rule of the architecture tests, except those named Wellformed*, which must pass them.
namespace Consortium.Portal.RuleBreaking;

public static class RuleBreakingDbProperties
{
    public const string TablePrefix = "RuleBreaking";
}

/// <summary>Maps a table without the module's prefix.</summary>
public sealed class RuleBreakingModule : PortalModule
{
    public override string Name => "RuleBreaking";

    public override void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<MeetingRoom>().ToTable("MeetingRooms");
        builder.Entity<RoomBooking>().ToTable(RuleBreakingDbProperties.TablePrefix + "RoomBookings");
    }
}

public sealed class MeetingRoom
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>Points at another module's entity by navigation, which drags that module's table into this model.</summary>
public sealed class RoomBooking
{
    public Guid Id { get; set; }
    public Guid PartnerOrganisationId { get; set; }
    public PartnerOrganisation? Partner { get; set; }
}

internal sealed class RuleBreakingDbContext(DbContextOptions<RuleBreakingDbContext> options) : ModuleDbContext(options)
{
    protected override void ConfigureModuleModel(ModelBuilder builder)
    {
        builder.Entity<MeetingRoom>().ToTable("MeetingRooms");
        builder.Entity<RoomBooking>(b =>
        {
            b.ToTable(RuleBreakingDbProperties.TablePrefix + "RoomBookings");
            b.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerOrganisationId);
        });
    }
}

/// <summary>Catches a lost concurrent save itself, instead of the Platform's SaveOrConflictAsync.</summary>
internal sealed class RoomBookings(RuleBreakingDbContext db)
{
    public async Task<bool> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}

/// <summary>Disposes the context its scope gave it, once by hand and once with <c>await using</c>.</summary>
internal sealed class RoomArchive(RuleBreakingDbContext db, IServiceProvider services)
{
    public void Close() => db.Dispose();

    public async Task<int> CountAsync()
    {
        await using var scoped = services.GetService(typeof(RuleBreakingDbContext)) as RuleBreakingDbContext;
        return scoped is null ? 0 : await scoped.Set<MeetingRoom>().CountAsync();
    }
}

/// <summary>Uses another module's implementation type (its DbContext) directly.</summary>
internal sealed class PartnerLookup(PortalIdentityDbContext identity)
{
    public Task<bool> ExistsAsync(Guid partnerId) => identity.PartnerOrganisations.AnyAsync(p => p.Id == partnerId);
}

/// <summary>Not a record, not sealed, no stored name, mutable.</summary>
public class MinutesPublished : IIntegrationEvent
{
    public Guid MeetingId { get; set; }
}

/// <summary>A record with a name, but not sealed and with a settable property.</summary>
[IntegrationEventName("rule-breaking.minutes-amended")]
public record MinutesAmended(Guid MeetingId) : IIntegrationEvent
{
    public string Note { get; set; } = "";
}

[IntegrationEventName("rule-breaking.minutes-approved")]
public sealed record WellformedMinutesApproved(Guid MeetingId, string ApprovedBy) : IIntegrationEvent
{
    public DateTime ApprovedAtUtc { get; init; }
}

/// <summary>Public and open for inheritance.</summary>
public class MinutesPublishedHandler : IIntegrationEventHandler<MinutesPublished>
{
    public Task HandleAsync(MinutesPublished integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => Task.CompletedTask;
}

/// <summary>Internal but not sealed.</summary>
internal class MinutesAmendedHandler : IIntegrationEventHandler<MinutesAmended>
{
    public Task HandleAsync(MinutesAmended integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => Task.CompletedTask;
}

internal sealed class WellformedMinutesApprovedHandler : IIntegrationEventHandler<WellformedMinutesApproved>
{
    public Task HandleAsync(WellformedMinutesApproved integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
