namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// An instance's state read back from its journal alone. The engine's tests check that it always equals the state the
/// instance holds: the journal is a full account of what happened, not a log that may drift from it.
/// </summary>
public static class JournalReplay
{
    public sealed record State(WorkflowStatus Status, IReadOnlySet<string> ActiveStages, IReadOnlySet<Guid> OpenTasks);

    public static State Replay(IEnumerable<WorkflowJournalEntry> journal)
    {
        var status = WorkflowStatus.Running;
        var active = new HashSet<string>(StringComparer.Ordinal);
        var open = new HashSet<Guid>();
        foreach (var entry in journal.OrderBy(e => e.Sequence))
        {
            switch (entry.Kind)
            {
                case JournalEntryKind.StageEntered when entry.Detail == nameof(StageKind.Approval):
                    active.Add(entry.StageId!);
                    break;
                case JournalEntryKind.StageCompleted:
                    active.Remove(entry.StageId!);
                    break;
                case JournalEntryKind.TaskOpened:
                    open.Add(entry.TaskId!.Value);
                    break;
                case JournalEntryKind.Approved or JournalEntryKind.TaskClosed or JournalEntryKind.Reassigned:
                    open.Remove(entry.TaskId!.Value);
                    break;
                case JournalEntryKind.ChangesRequested:
                    open.Remove(entry.TaskId!.Value);
                    status = WorkflowStatus.ChangesRequested;
                    break;
                case JournalEntryKind.Resubmitted:
                    status = WorkflowStatus.Running;
                    break;
                case JournalEntryKind.Rejected:
                    open.Remove(entry.TaskId!.Value);
                    status = WorkflowStatus.Rejected;
                    active.Clear();
                    break;
                case JournalEntryKind.Completed:
                    status = WorkflowStatus.Completed;
                    active.Clear();
                    break;
                case JournalEntryKind.Cancelled:
                    status = WorkflowStatus.Cancelled;
                    active.Clear();
                    break;
            }
        }
        return new State(status, active, open);
    }
}
