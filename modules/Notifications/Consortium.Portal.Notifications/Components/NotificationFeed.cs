using Microsoft.JSInterop;

namespace Consortium.Portal.Notifications.Components;

/// <summary>
/// The notifications of one browser tab, as they arrive. One per circuit (a scoped service), shared by the bell and the
/// inbox page of the tab, so that a tab keeps one hub connection however many components listen.
/// </summary>
/// <remarks>
/// The tab's browser connects to the hub with the SignalR JavaScript client and hands each push to this object. A push
/// through the circuit from an in-process notifier would reach only tabs whose circuit runs on the instance that
/// delivered the notification; the hub's groups reach every tab of the user on every instance (Redis backplane).
/// </remarks>
public sealed class NotificationFeed(IJSRuntime js) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private DotNetObjectReference<NotificationFeed>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _connection;

    public event Func<NotificationPushDto, Task>? Received;

    public event Func<int, Task>? UnreadCountChanged;

    /// <summary>After the connection was (re)established: listeners catch up from the inbox, since pushes may have been missed.</summary>
    public event Func<Task>? Connected;

    /// <summary>Connects the tab, once; call from <c>OnAfterRenderAsync</c> (JavaScript runs only in an interactive render).</summary>
    public async Task StartAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_connection is not null)
            {
                return;
            }
            _self ??= DotNetObjectReference.Create(this);
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/Consortium.Portal.Notifications/notifications.js");
            _connection = await _module.InvokeAsync<IJSObjectReference>("connect", _self, NotificationsPaths.Hub.TrimStart('/'));
        }
        finally
        {
            _starting.Release();
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

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        foreach (var listener in handlers?.GetInvocationList().Cast<Func<T, Task>>() ?? [])
        {
            await listener(value);
        }
    }

    public async ValueTask DisposeAsync()
    {
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
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its connection with it.
        }
        _self?.Dispose();
        _starting.Dispose();
    }
}
