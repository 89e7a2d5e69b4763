using Consortium.Portal.Platform.Jobs;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace Consortium.Portal.Platform.Tests.Jobs;

public sealed class DisposalTolerantLogProviderTests
{
    private sealed class RecordingProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose() { }

        private sealed class Recorder(RecordingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Add(formatter(state, exception));
        }
    }

    [Fact]
    public void While_its_factory_lives_messages_reach_the_portal_log()
    {
        var recording = new RecordingProvider();
        using var factory = new LoggerFactory([recording]);

        var log = new DisposalTolerantLogProvider(factory).GetLogger("Hangfire.Server.Worker");

        Assert.True(log.Log(HangfireLogLevel.Warn, () => "Job 42 failed, retrying"));
        Assert.Contains("Job 42 failed, retrying", recording.Messages);
    }

    [Fact]
    public void After_its_factory_is_disposed_loggers_are_still_made_and_drop_their_messages()
    {
        var factory = new LoggerFactory([new RecordingProvider()]);
        var provider = new DisposalTolerantLogProvider(factory);
        var madeBefore = provider.GetLogger("Hangfire.Server.Worker");
        factory.Dispose();

        var madeAfter = provider.GetLogger("Hangfire.AutomaticRetryAttribute");

        Assert.False(madeAfter.Log(HangfireLogLevel.Error, () => "lost"));
        madeBefore.Log(HangfireLogLevel.Error, () => "lost or written, but never thrown");
    }
}
