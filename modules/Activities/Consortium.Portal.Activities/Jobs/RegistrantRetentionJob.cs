using Consortium.Portal.Activities.Application;
using Consortium.Portal.Platform.Jobs;

namespace Consortium.Portal.Activities.Jobs;

/// <summary>Daily: registrants of events past the retention period become anonymous counts (<c>Activities:RegistrantDataRetention</c>).</summary>
internal sealed class RegistrantRetentionJob(RegistrantRecords records) : IRecurringJob
{
    public const string JobId = "activities.registrant-retention";

    public Task RunAsync(CancellationToken cancellationToken) => records.ApplyRetentionAsync(cancellationToken);
}
