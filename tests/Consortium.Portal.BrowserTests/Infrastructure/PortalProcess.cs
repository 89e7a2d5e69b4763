using System.Diagnostics;
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

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataFolder;

    private PortalProcess(Process process, Uri baseAddress, string dataFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataFolder = dataFolder;
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's fresh data folder (on SQLite its database, <c>portal.db</c>, is there).</summary>
    public string DataFolder => _dataFolder;

    /// <summary>
    /// Where the portal's e-mails arrive: without <c>Smtp:Host</c> it writes each message, as sent, to an .eml file in its
    /// data folder's <c>mail</c> folder (the offline "mail server"), which a test reads as a person reads their mailbox.
    /// </summary>
    public string MailFolder => Path.Combine(_dataFolder, "mail");

    /// <summary>What the portal wrote to stdout and stderr so far.</summary>
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
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, baseAddress, dataFolder);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

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
    /// Waits for <c>/health/live</c> to answer 2xx. A portal without that endpoint (it answers 404) is live once any
    /// page answers: it listens only after migrating and seeding.
    /// </summary>
    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before it was live.{Describe()}");
                }
                try
                {
                    using var live = await http.GetAsync("/health/live");
                    if (live.IsSuccessStatusCode)
                    {
                        return true;
                    }
                    if (live.StatusCode == HttpStatusCode.NotFound)
                    {
                        using var home = await http.GetAsync("/");
                        return true;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy starting; ask again.
                }
                return false;
            }, $"the portal to be live at {BaseAddress}", StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The portal was not live at {BaseAddress} within {StartTimeout.TotalSeconds:0} s.{Describe()}");
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
