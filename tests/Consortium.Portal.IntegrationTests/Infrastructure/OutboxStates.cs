using Consortium.Portal.Platform.Data;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>Outbox messages as a failure message names them: what each is, and who holds it until when.</summary>
public static class OutboxStates
{
    public static string Describe(IReadOnlyCollection<OutboxMessage> messages, int atMost = 10)
        => string.Join("; ", messages.Take(atMost).Select(Describe))
           + (messages.Count > atMost ? $"; and {messages.Count - atMost} more" : "");

    public static string Describe(OutboxMessage m)
    {
        var claim = m.LockedBy is null ? "not claimed" : FormattableString.Invariant($"claimed by {m.LockedBy} until {m.LockedUntilUtc:O}");
        var error = m.LastError is null ? "" : $", last error: {m.LastError}";
        return FormattableString.Invariant($"{m.Id} ({m.EventName}) attempts {m.Attempts}, due {m.NextAttemptAtUtc:O}, {claim}{error}");
    }
}
