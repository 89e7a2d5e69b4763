using Consortium.Portal.Platform.Jobs;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Tests.Jobs;

public sealed class RecurringJobsRegistrarTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-platform-tests", Guid.NewGuid().ToString("N"));
    private readonly SQLiteStorage _storage;

    public RecurringJobsRegistrarTests()
    {
        Directory.CreateDirectory(_folder);
        _storage = new SQLiteStorage(Path.Combine(_folder, JobsOptions.SqliteFileName), new SQLiteStorageOptions());
    }

    internal sealed class WeeklyDigestJob : IRecurringJob
    {
        public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class DeadlineReminderJob : IRecurringJob
    {
        public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Hangfire's manager, counting the updates the registrar asks of it.</summary>
    private sealed class CountingJobManager(IRecurringJobManager inner) : IRecurringJobManager
    {
        public List<string> Updated { get; } = [];

        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, RecurringJobOptions options)
        {
            Updated.Add(recurringJobId);
            inner.AddOrUpdate(recurringJobId, job, cronExpression, options);
        }

        public void Trigger(string recurringJobId) => inner.Trigger(recurringJobId);

        public void RemoveIfExists(string recurringJobId) => inner.RemoveIfExists(recurringJobId);
    }

    private CountingJobManager _manager = null!;

    private RecurringJobsRegistrar Registrar(Action<IServiceCollection> register, Dictionary<string, string>? schedules = null)
    {
        var services = new ServiceCollection();
        register(services);
        _manager = new CountingJobManager(new RecurringJobManager(_storage));
        return new RecurringJobsRegistrar(
            services.BuildServiceProvider().GetServices<IRecurringJobRegistration>(),
            _manager,
            _storage,
            Options.Create(new JobsOptions { Schedules = schedules ?? [] }),
            NullLogger<RecurringJobsRegistrar>.Instance);
    }

    private List<RecurringJobDto> StoredJobs()
    {
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    [Fact]
    public async Task The_modules_recurring_jobs_are_scheduled_at_start()
    {
        await Registrar(s => s
                .AddRecurringJob<WeeklyDigestJob>("tests.weekly-digest", Cron.Weekly(DayOfWeek.Monday, 7))
                .AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Hourly()))
            .StartAsync(CancellationToken.None);

        var jobs = StoredJobs().ToDictionary(j => j.Id);
        Assert.Equal(["tests.deadline-reminders", "tests.weekly-digest"], jobs.Keys.Order());
        Assert.Equal("0 7 * * 1", jobs["tests.weekly-digest"].Cron);
        Assert.Equal(typeof(WeeklyDigestJob), jobs["tests.weekly-digest"].Job.Type);
        Assert.Equal(nameof(IRecurringJob.RunAsync), jobs["tests.weekly-digest"].Job.Method.Name);
    }

    [Fact]
    public async Task A_recurring_job_no_module_registers_any_more_is_removed()
    {
        await Registrar(s => s
                .AddRecurringJob<WeeklyDigestJob>("tests.weekly-digest", Cron.Daily())
                .AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Hourly()))
            .StartAsync(CancellationToken.None);

        await Registrar(s => s.AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Hourly())).StartAsync(CancellationToken.None);

        Assert.Equal(["tests.deadline-reminders"], StoredJobs().Select(j => j.Id));
    }

    [Fact]
    public async Task A_start_that_finds_the_jobs_as_stored_updates_none_and_one_with_another_schedule_or_a_load_error_is_updated()
    {
        void Modules(IServiceCollection s) => s
            .AddRecurringJob<WeeklyDigestJob>("tests.weekly-digest", Cron.Weekly(DayOfWeek.Monday, 7))
            .AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Hourly());
        await Registrar(Modules).StartAsync(CancellationToken.None);
        Assert.Equal(["tests.deadline-reminders", "tests.weekly-digest"], _manager.Updated.Order());

        await Registrar(Modules).StartAsync(CancellationToken.None);
        Assert.Empty(_manager.Updated);

        await Registrar(Modules, new() { ["tests.deadline-reminders"] = "*/5 * * * *" }).StartAsync(CancellationToken.None);
        Assert.Equal(["tests.deadline-reminders"], _manager.Updated);
        Assert.Equal("*/5 * * * *", StoredJobs().Single(j => j.Id == "tests.deadline-reminders").Cron);

        // Stored by another build as another class (a job moved between modules): Hangfire would fail to load it.
        using (var connection = _storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            var moved = Hangfire.Common.Job.FromExpression<DeadlineReminderJob>(j => j.RunAsync(CancellationToken.None));
            transaction.SetRangeInHash("recurring-job:tests.weekly-digest",
                [new("Job", Hangfire.Storage.InvocationData.SerializeJob(moved).SerializePayload())]);
            transaction.Commit();
        }
        await Registrar(Modules).StartAsync(CancellationToken.None);
        Assert.Equal(["tests.deadline-reminders", "tests.weekly-digest"], _manager.Updated.Order());
        Assert.Equal(typeof(WeeklyDigestJob), StoredJobs().Single(j => j.Id == "tests.weekly-digest").Job.Type);
    }

    [Fact]
    public async Task Two_jobs_with_one_id_stop_the_start()
    {
        var registrar = Registrar(s => s
            .AddRecurringJob<WeeklyDigestJob>("tests.digest", Cron.Daily())
            .AddRecurringJob<DeadlineReminderJob>("tests.digest", Cron.Hourly()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registrar.StartAsync(CancellationToken.None));
        Assert.Contains("'tests.digest'", error.Message);
    }

    [Fact]
    public async Task A_schedule_from_the_configuration_replaces_the_modules_own_and_may_have_seconds()
    {
        await Registrar(
                s => s
                    .AddRecurringJob<WeeklyDigestJob>("tests.weekly-digest", Cron.Weekly(DayOfWeek.Monday, 7))
                    .AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Minutely()),
                new() { ["tests.deadline-reminders"] = "*/2 * * * * *" })
            .StartAsync(CancellationToken.None);

        var jobs = StoredJobs().ToDictionary(j => j.Id);
        Assert.Equal("*/2 * * * * *", jobs["tests.deadline-reminders"].Cron);
        Assert.Equal("0 7 * * 1", jobs["tests.weekly-digest"].Cron);
    }

    [Fact]
    public async Task A_schedule_for_a_job_no_module_registers_stops_the_start()
    {
        var registrar = Registrar(
            s => s.AddRecurringJob<DeadlineReminderJob>("tests.deadline-reminders", Cron.Hourly()),
            new() { ["tests.deadline-reminder"] = "* * * * *" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registrar.StartAsync(CancellationToken.None));
        Assert.Contains("Jobs:Schedules:tests.deadline-reminder ", error.Message);
        Assert.Empty(StoredJobs());
    }

    public void Dispose()
    {
        _storage.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* left to the OS */ }
    }
}
