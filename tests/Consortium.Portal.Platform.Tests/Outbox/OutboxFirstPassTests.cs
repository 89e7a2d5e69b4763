using Consortium.Portal.Platform.Outbox;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>
/// The dispatcher's first pass (what an earlier run left) waits until the start has settled, so it does not compete
/// with the start and the first requests for the cores (issue 16, cold start); a commit or one poll interval still
/// brings it at once.
/// </summary>
public sealed class OutboxFirstPassTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_first_pass_waits_while_the_start_runs_and_comes_once_it_has_settled()
    {
        var settled = new TaskCompletionSource();

        var due = OutboxDispatcherService.FirstPassDueAsync(settled.Task, new OutboxSignal(), Long, CancellationToken.None);

        Assert.False(due.IsCompleted);
        settled.SetResult();
        await due.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_commit_that_asks_for_a_delivery_brings_the_first_pass_before_the_start_has_settled()
    {
        var signal = new OutboxSignal();
        var due = OutboxDispatcherService.FirstPassDueAsync(new TaskCompletionSource().Task, signal, Long, CancellationToken.None);
        Assert.False(due.IsCompleted);

        signal.Notify();

        await due.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_start_that_never_settles_holds_the_first_pass_back_one_poll_interval_at_most()
    {
        var due = OutboxDispatcherService.FirstPassDueAsync(new TaskCompletionSource().Task, new OutboxSignal(), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        await due.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_stop_while_waiting_ends_the_wait_as_cancelled()
    {
        using var stopping = new CancellationTokenSource();
        var due = OutboxDispatcherService.FirstPassDueAsync(new TaskCompletionSource().Task, new OutboxSignal(), Long, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => due.WaitAsync(Bound));
    }
}
