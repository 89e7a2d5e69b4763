using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static, so in a process that hosts the portal more than once (the test suite)
/// one host's Hangfire can ask the provider of another, already disposed host for a logger. Hangfire asks for loggers
/// in the middle of its work (an <see cref="Hangfire.AutomaticRetryAttribute"/> makes one each time a job's filters are
/// read), and there an exception leaves the job fetched but never performed. A disposed factory therefore yields a log
/// that drops its messages; the next host to start installs its own provider.
/// </summary>
internal sealed class DisposalTolerantLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new TolerantLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    /// <summary>A logger made while its factory was alive may outlive it.</summary>
    private sealed class TolerantLog(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
