using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static, so in a process that hosts the portal more than once (the test suite)
/// a later host can briefly ask the provider of an earlier, disposed one for a logger. That must not fail the job
/// client; the message is dropped instead, and the next host's provider takes over as soon as it is configured.
/// </summary>
internal sealed class DisposalTolerantLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
