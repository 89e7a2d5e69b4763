using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Jobs;

/// <summary>
/// Deletes the rows of sessions that have ended by themselves: unused past the idle time-out, or signed in longer ago
/// than the absolute time-out. Such a row signs nobody in already (<see cref="DatabaseTicketStore"/>); deleting it keeps
/// the table to the sessions that are live, and a browser closed without signing out does not leave its ticket behind.
/// </summary>
internal sealed class SessionCleanupJob(PortalIdentityDbContext db, TimeProvider clock, IOptions<PortalIdentityOptions> options, ILogger<SessionCleanupJob> logger)
    : IRecurringJob
{
    public const string JobId = "identity.session-cleanup";

    /// <summary>Every quarter of an hour: half the default idle time-out, so an ended session's row lives at most that much longer.</summary>
    public const string Schedule = "*/15 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A row is created at or after its sign-in, so one created before this has passed the absolute time-out.
        var signedInBefore = now - options.Value.AbsoluteTimeout;
        var removed = await db.Sessions
            .Where(s => s.ExpiresAtUtc < now || s.CreatedAtUtc < signedInBefore)
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Session clean-up removed {Sessions} ended session(s)", removed);
    }
}
