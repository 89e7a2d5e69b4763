using Consortium.Portal.Platform.Components;
using Microsoft.JSInterop;

namespace Consortium.Portal.Notifications.Components;

/// <summary>
/// The notifications of one browser tab, as they arrive, and the changes of the subjects its page shows. One per circuit
/// (a scoped service), shared by the bell, the inbox page and any page that watches a subject (<see cref="ILiveChangeFeed"/>),
/// so that a tab keeps one hub connection however many components listen.
/// </summary>
/// <remarks>
/// The tab's browser connects to the hub with the SignalR JavaScript client and hands each push to this object. A push
/// through the circuit from an in-process notifier would reach only tabs whose circuit runs on the instance that
/// delivered the notification; the hub's groups reach every tab of the user on every instance (Redis backplane).
/// </remarks>
public sealed class NotificationFeed(IJSRuntime js) : ILiveChangeFeed, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly Dictionary<(string Topic, Guid SubjectId), List<Func<string, Task>>> _watchers = [];
    private DotNetObjectReference<NotificationFeed>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _connection;
    private bool _disposed;

    public event Func<NotificationPushDto, Task>? Received;

    public event Func<int, Task>? UnreadCountChanged;

    /// <summary>After the connection was (re)established: listeners catch up from the inbox, since pushes may have been missed.</summary>
    public event Func<Task>? Connected;

    /// <summary>
    /// Connects the tab, once; call from <c>OnAfterRenderAsync</c> (JavaScript runs only in an interactive render).
    /// A circuit that ends meanwhile (the tab closed or navigated away) leaves the feed unconnected, without an error:
    /// there is nobody left to tell.
    /// </summary>
    public async Task StartAsync()
    {
        try
        {
            await _starting.WaitAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        try
        {
            if (_connection is not null || _disposed)
            {
                return;
            }
            _self ??= DotNetObjectReference.Create(this);
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/Consortium.Portal.Notifications/notifications.js");
            _connection = await _module.InvokeAsync<IJSObjectReference>("connect", _self, NotificationsPaths.Hub.TrimStart('/'));
        }
        catch (Exception e) when (CircuitTeardown.IsCircuitGone(e))
        {
            // The circuit ended while the tab was connecting.
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task<IAsyncDisposable> WatchAsync(string topic, Guid subjectId, Func<string, Task> changed)
    {
        await StartAsync();
        var key = (topic, subjectId);
        bool first;
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(key, out var listeners))
            {
                _watchers[key] = listeners = [];
            }
            first = listeners.Count == 0;
            listeners.Add(changed);
        }
        if (first)
        {
            await CallScriptAsync("watch", topic, subjectId);
        }
        // The caller loaded the subject before it watched: a change saved in between (a background job that finished
        // as the page opened) was pushed to nobody. Catching up once, now that it listens, closes that gap.
        try
        {
            await changed(LiveChangeDto.Rejoined);
        }
        catch (Exception e) when (CircuitTeardown.IsCircuitGone(e))
        {
            // The circuit ended while the page caught up (its services went with it): nobody is left to show it to.
        }
        return new Watching(this, key, changed);
    }

    private async Task StopWatchingAsync((string Topic, Guid SubjectId) key, Func<string, Task> changed)
    {
        bool last;
        lock (_watchers)
        {
            last = _watchers.TryGetValue(key, out var listeners) && listeners.Remove(changed) && listeners.Count == 0;
            if (last)
            {
                _watchers.Remove(key);
            }
        }
        if (last)
        {
            await CallScriptAsync("unwatch", key.Topic, key.SubjectId);
        }
    }

    private async Task CallScriptAsync(string method, string topic, Guid subjectId)
    {
        if (_connection is null || _disposed)
        {
            return;
        }
        try
        {
            await _connection.InvokeVoidAsync(method, topic, subjectId);
        }
        catch (Exception e) when (CircuitTeardown.IsCircuitGone(e))
        {
            // The tab is gone, and its connection with it.
        }
    }

    [JSInvokable]
    public Task OnNotification(NotificationPushDto push) => RaiseAsync(Received, push);

    [JSInvokable]
    public Task OnUnreadCount(int unreadCount) => RaiseAsync(UnreadCountChanged, unreadCount);

    [JSInvokable]
    public async Task OnReconnected()
    {
        foreach (var listener in Connected?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await listener();
        }
    }

    [JSInvokable]
    public async Task OnChanged(string topic, Guid subjectId, string change)
    {
        List<Func<string, Task>> listeners;
        lock (_watchers)
        {
            listeners = _watchers.TryGetValue((topic, subjectId), out var found) ? [.. found] : [];
        }
        foreach (var listener in listeners)
        {
            await listener(change);
        }
    }

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        foreach (var listener in handlers?.GetInvocationList().Cast<Func<T, Task>>() ?? [])
        {
            await listener(value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_connection is not null)
            {
                await _connection.InvokeVoidAsync("stop");
                await _connection.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception e) when (CircuitTeardown.IsCircuitGone(e))
        {
            // The tab is gone, and its connection with it.
        }
        _self?.Dispose();
        // The semaphore is not disposed: a StartAsync of the ending circuit may still be waiting on it, and a
        // SemaphoreSlim whose wait handle was never asked for holds nothing to release.
    }

    private sealed class Watching(NotificationFeed feed, (string Topic, Guid SubjectId) key, Func<string, Task> changed) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await feed.StopWatchingAsync(key, changed);
            }
        }
    }
}
