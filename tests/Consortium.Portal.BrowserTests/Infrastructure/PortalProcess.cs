using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The built portal, started as its own process the way a user starts it (Development settings: SQLite and the demo
/// data), on a free loopback port and a fresh data folder. Its output is kept for failure messages.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // A deploy's stop: the host's own shutdown timeout (30 s) and the process's exit, with room for a loaded machine.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private readonly string _dataFolder;
    private readonly ProcessStartInfo _start;
    private Process _process;

    private PortalProcess(ProcessStartInfo start, Uri baseAddress, string dataFolder)
    {
        _start = start;
        BaseAddress = baseAddress;
        _dataFolder = dataFolder;
        _process = Launch();
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's fresh data folder (on SQLite its database, <c>portal.db</c>, is there).</summary>
    public string DataFolder => _dataFolder;

    /// <summary>
    /// Where the portal's e-mails arrive: without <c>Smtp:Host</c> it writes each message, as sent, to an .eml file in its
    /// data folder's <c>mail</c> folder (the offline "mail server"), which a test reads as a person reads their mailbox.
    /// </summary>
    public string MailFolder => Path.Combine(_dataFolder, "mail");

    /// <summary>What the portal wrote to stdout and stderr so far (every run's, a restart marked between them).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">Configuration on top of the defaults (environment variables such as <c>Database__Provider</c>).</param>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var webAssembly = PortalWebAssembly();
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataFolder = Directory.CreateTempSubdirectory("portal-browser-tests-").FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Portal__DataFolder"] = dataFolder;
        // Whatever the machine's environment says, this portal uses its own SQLite database in the fresh data folder.
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment.Remove("ConnectionStrings__Portal");
        start.Environment.Remove("ASPNETCORE_URLS");
        // Every test signs in from 127.0.0.1, and a collection's tests sign in more than the ten times a minute one
        // address may (the limit has integration tests of its own).
        start.Environment["Identity__SignInRateLimit"] = "1000";
        // Journeys wait on queued jobs (a new version's text extraction, an e-mail): an idle job server finds them
        // within a second instead of the product's five (as ProductionTests' and the integration hosts' do).
        start.Environment["Jobs__QueuePollInterval"] = "00:00:01";
        // Journeys wait on the workflow engine's timer sweep (a deadline passed): every 5 s here instead of the
        // product's every minute, which cost a journey up to a minute per wait. The sweep is idempotent, so running
        // it more often changes when a timer fires, not what it does; the schedule poll must be as short for Hangfire
        // to honour a schedule with seconds. "workflows-timers" is WorkflowTimersJob.JobId (internal to its module).
        start.Environment["Jobs__SchedulePollingInterval"] = "00:00:01";
        start.Environment["Jobs__Schedules__workflows-timers"] = "*/5 * * * * *";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var portal = new PortalProcess(start, baseAddress, dataFolder);
        try
        {
            await portal.WaitUntilLiveAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
        return portal;
    }

    /// <summary>
    /// Restarts the portal as a deploy does: SIGTERM, the host's graceful stop (circuits end, Hangfire's server
    /// leaves, the outbox stops), then the same build on the same data folder, port and settings, until
    /// <c>/health/ready</c> says yes. Open pages lose their connection meanwhile and see the new process afterwards.
    /// </summary>
    public async Task<PortalRestart> RestartAsync()
    {
        var away = Stopwatch.StartNew();
        await StopGracefullyAsync();
        var stopped = new { away.Elapsed, _process.ExitCode };
        Append($"--- stopped by SIGTERM in {stopped.Elapsed.TotalSeconds:0.0} s, exit code {stopped.ExitCode}; started again on the same data folder, port and settings ---");
        _process.Dispose();
        _process = Launch();
        await WaitUntilLiveAsync();
        await WaitUntilReadyAsync();
        return new PortalRestart(stopped.Elapsed, stopped.ExitCode, away.Elapsed);
    }

    private Process Launch()
    {
        var process = new Process { StartInfo = _start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task StopGracefullyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The portal had already exited with code {_process.ExitCode} before the restart.{Describe()}");
        }
        // Process.Kill is SIGKILL on Linux; a deploy (systemd, docker stop, Kubernetes) sends SIGTERM first, which
        // the host answers with its graceful stop.
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
               { RedirectStandardError = true, UseShellExecute = false })!)
        {
            await signal.WaitForExitAsync().WaitAsync(StopTimeout);
            if (signal.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"SIGTERM to the portal (pid {_process.Id}) failed: {await signal.StandardError.ReadToEndAsync()}{Describe()}");
            }
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            // Never left running: it would hold the port the restart needs, and the data folder.
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The portal did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM; it was killed.{Describe(200)}");
        }
    }

    /// <summary>Waits for <c>/health/ready</c> to answer 2xx: the database reached and the start's seeding done.</summary>
    private Task WaitUntilReadyAsync() => WaitUntilAsync("ready", async http =>
    {
        using var ready = await http.GetAsync("/health/ready");
        return ready.IsSuccessStatusCode;
    });

    /// <summary>
    /// Waits for <c>/health/live</c> to answer 2xx. A portal without that endpoint (it answers 404) is live once any
    /// page answers: it listens only after migrating and seeding.
    /// </summary>
    private Task WaitUntilLiveAsync() => WaitUntilAsync("live", async http =>
    {
        using var live = await http.GetAsync("/health/live");
        if (live.StatusCode == HttpStatusCode.NotFound)
        {
            using var home = await http.GetAsync("/");
            return true;
        }
        return live.IsSuccessStatusCode;
    });

    /// <summary>Asks <paramref name="answers"/> until it says yes; fails at once, with the output, if the portal exits.</summary>
    private async Task WaitUntilAsync(string state, Func<HttpClient, Task<bool>> answers)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before it was {state}.{Describe(200)}");
                }
                try
                {
                    return await answers(http);
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    return false;
                }
                catch (TaskCanceledException)
                {
                    // Busy starting; ask again.
                    return false;
                }
            }, $"the portal to be {state} at {BaseAddress}", StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The portal was not {state} at {BaseAddress} within {StartTimeout.TotalSeconds:0} s.{Describe(200)}");
        }
    }

    /// <summary>The portal's output, for a failure message.</summary>
    public string Describe(int lastLines = 80)
    {
        var lines = Output.Split('\n');
        var tail = string.Join('\n', lines.TakeLast(lastLines));
        return $"{Environment.NewLine}--- portal output (last {Math.Min(lastLines, lines.Length)} lines) ---{Environment.NewLine}{tail}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or has already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleanup.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The portal built with these tests, in the same configuration (recorded at build time by the project file).</summary>
    private static string PortalWebAssembly()
    {
        var recorded = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "PortalWebAssembly")?.Value;
        if (string.IsNullOrEmpty(recorded) || !File.Exists(recorded))
        {
            throw new InvalidOperationException(
                $"The built portal was not found (recorded path: '{recorded}'). Build the browser tests, which build src/Consortium.Portal.Web with them.");
        }
        return recorded;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What a <see cref="PortalProcess.RestartAsync"/> took: the graceful stop, its exit code, and the time until ready again.</summary>
public sealed record PortalRestart(TimeSpan Stopping, int ExitCode, TimeSpan Away);
