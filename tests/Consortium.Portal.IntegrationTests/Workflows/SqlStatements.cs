using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// The SQL statements the portal runs for the requests sent with <see cref="TraceParent"/>, whatever else the process
/// does at the same time (other tests' portals, the portal's own jobs): ASP.NET Core takes the request's trace id from
/// that header, and EF Core's command events run inside the request, where <see cref="Activity.Current"/> carries it.
/// </summary>
public sealed class SqlStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly ActivityListener _requests;

    public SqlStatements()
    {
        // Without a listener ASP.NET Core starts no activity for a request, and the trace id would be lost.
        _requests = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(_requests);
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>The W3C header value that marks a request as one of these.</summary>
    public string TraceParent => $"00-{_trace}-{ActivitySpanId.CreateRandom()}-01";

    /// <summary>The statements run so far for marked requests, in order.</summary>
    public IReadOnlyList<string> Run => [.. _statements];

    public void Clear() => _statements.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(listener.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed && Activity.Current?.TraceId == _trace)
        {
            _statements.Enqueue(executed.Command.CommandText);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }

    void IObserver<DiagnosticListener>.OnError(Exception error) { }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _requests.Dispose();
    }
}
