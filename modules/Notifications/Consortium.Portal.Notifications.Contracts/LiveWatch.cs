namespace Consortium.Portal.Notifications;

/// <summary>
/// A page's watch of the one subject it shows, through the tab's <see cref="ILiveChangeFeed"/>: the page makes it once
/// (<c>OnInitialized</c>), calls <see cref="MoveToAsync"/> first in <c>OnParametersSetAsync</c> (before it loads the
/// subject its route names), <see cref="WatchAsync"/> from <c>OnAfterRenderAsync</c> once the subject is loaded, and
/// disposes it with itself. Each change reaches <c>changed</c> on the component's dispatcher (pass the component's
/// <c>InvokeAsync</c>), since the tab's pushes arrive from its hub connection, not from the renderer.
/// </summary>
/// <remarks>
/// Meant to be used from the component's dispatcher, as its lifecycle methods are. Disposing it while a watch is being
/// put in place, or moving on to another subject meanwhile, releases that watch as soon as the feed hands it over: the
/// page neither hears of a subject it no longer shows nor keeps the tab in that subject's group.
/// </remarks>
public sealed class LiveWatch(ILiveChangeFeed feed, string topic, Func<Func<Task>, Task> dispatch, Func<string, Task> changed) : IAsyncDisposable
{
    private IAsyncDisposable? _watching;
    private Guid? _subjectId;
    private int _attempt;
    private int _disposed;

    private bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>
    /// Watches <paramref name="subjectId"/>, releasing the watch of the subject watched before; nothing when it is the one
    /// watched already (every render calls this) or the page is gone. The feed tells <c>changed</c> <see cref="LiveChangeDto.Rejoined"/>
    /// once the watch is in place.
    /// </summary>
    public async Task WatchAsync(Guid subjectId)
    {
        if (_subjectId == subjectId || IsDisposed)
        {
            return;
        }
        // Set before the first await, so that a render meanwhile does not watch the same subject twice.
        _subjectId = subjectId;
        var attempt = ++_attempt;
        await ReleaseAsync();
        if (!IsCurrent(attempt))
        {
            return;
        }
        var watching = await feed.WatchAsync(topic, subjectId, change => dispatch(async () =>
        {
            if (IsCurrent(attempt))
            {
                await changed(change);
            }
        }));
        if (IsCurrent(attempt))
        {
            _watching = watching;
        }
        else
        {
            await watching.DisposeAsync();
        }
    }

    /// <summary>
    /// The page's route names <paramref name="subjectId"/> now (a link, Back): the watch of any other subject goes before
    /// the page loads this one, and a change of the subject left, already on its way, is dropped. A load that then fails
    /// (the subject was deleted meanwhile, or is not the reader's to see) leaves the page watching nothing: it neither
    /// reloads for the subject it left nor keeps the tab in that subject's group. Nothing when it is the subject watched
    /// already (the same page with another query) or the page is gone; <see cref="WatchAsync"/> watches it once loaded.
    /// </summary>
    public async Task MoveToAsync(Guid subjectId)
    {
        if (_subjectId is null || _subjectId == subjectId || IsDisposed)
        {
            return;
        }
        _subjectId = null;
        // A watch of the subject left that is still being put in place is released as soon as the feed hands it over.
        _attempt++;
        await ReleaseAsync();
    }

    private async Task ReleaseAsync()
    {
        var previous = _watching;
        _watching = null;
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
    }

    /// <summary>Whether the watch started by <paramref name="attempt"/> is still the page's: not replaced, not disposed.</summary>
    private bool IsCurrent(int attempt) => attempt == _attempt && !IsDisposed;

    /// <summary>Releases the watch; a change heard afterwards (already on its way to the dispatcher) is dropped. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await ReleaseAsync();
    }
}
