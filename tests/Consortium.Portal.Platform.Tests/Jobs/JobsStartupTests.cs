using Consortium.Portal.Platform.Jobs;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consortium.Portal.Platform.Tests.Jobs;

public sealed class JobsStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-platform-tests", Guid.NewGuid().ToString("N"));
    private readonly SQLiteStorage _storage;
    private readonly Lifetime _lifetime = new();

    public JobsStartupTests()
    {
        Directory.CreateDirectory(_folder);
        _storage = new SQLiteStorage(Path.Combine(_folder, JobsOptions.SqliteFileName), new SQLiteStorageOptions());
    }

    internal sealed class DigestJob : IRecurringJob
    {
        public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => _stopped.Token;
        public bool StopRequested { get; private set; }

        public void Listen() => _started.Cancel();

        public void StopApplication()
        {
            StopRequested = true;
            _stopping.Cancel();
        }

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
            _stopped.Dispose();
        }
    }

    /// <summary>Stands for Hangfire's server: notes which recurring jobs were in the storage when it was started.</summary>
    private sealed class RecordingServer(JobStorage storage) : IHostedService
    {
        public List<string>? JobsAtStart { get; private set; }
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            using var connection = storage.GetConnection();
            JobsAtStart = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }

    private JobsStartup Startup(Action<IServiceCollection> register, RecordingServer? server)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostApplicationLifetime>(_lifetime);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<JobStorage>(_storage);
        services.AddSingleton<IRecurringJobManager>(new RecurringJobManager(_storage));
        services.AddOptions<JobsOptions>();
        register(services);
        return new JobsStartup(services.BuildServiceProvider(), server is null ? null : _ => server);
    }

    private List<string> StoredJobIds()
    {
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    [Fact]
    public async Task The_recurring_jobs_are_registered_beside_the_start_and_the_job_server_starts_once_the_portal_listens()
    {
        var server = new RecordingServer(_storage);
        var startup = Startup(s => s.AddRecurringJob<DigestJob>("tests.digest", Cron.Daily()), server);

        await startup.StartAsync(CancellationToken.None);
        await startup.Registration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["tests.digest"], StoredJobIds());
        Assert.False(startup.Completion.IsCompleted);
        Assert.Null(server.JobsAtStart);

        _lifetime.Listen();
        await startup.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["tests.digest"], server.JobsAtStart);
        await startup.StopAsync(CancellationToken.None);
        Assert.True(server.Stopped);
    }

    [Fact]
    public async Task A_failed_registration_stops_the_portal_and_starts_no_job_server()
    {
        var server = new RecordingServer(_storage);
        var startup = Startup(s => s
            .AddRecurringJob<DigestJob>("tests.digest", Cron.Daily())
            .AddRecurringJob<DigestJob>("tests.digest", Cron.Hourly()), server);

        await startup.StartAsync(CancellationToken.None);
        _lifetime.Listen();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => startup.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("'tests.digest'", error.Message);
        Assert.True(_lifetime.StopRequested);
        Assert.Null(server.JobsAtStart);
        await startup.StopAsync(CancellationToken.None);
        Assert.False(server.Stopped);
    }

    [Fact]
    public async Task A_portal_stopped_before_it_listened_stops_without_starting_the_job_server()
    {
        var server = new RecordingServer(_storage);
        var startup = Startup(s => s.AddRecurringJob<DigestJob>("tests.digest", Cron.Daily()), server);

        await startup.StartAsync(CancellationToken.None);
        await startup.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        _lifetime.Listen();

        Assert.True(startup.Completion.IsCanceled);
        Assert.Null(server.JobsAtStart);
        Assert.False(server.Stopped);
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _storage.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* left to the OS */ }
    }
}
