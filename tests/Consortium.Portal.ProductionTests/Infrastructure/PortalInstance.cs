using System.Diagnostics;
using System.Text;

namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// One instance of the published portal, run as the README's systemd unit runs it: <c>dotnet Consortium.Portal.Web.dll</c>
/// in the published folder, in Production, configured by environment variables, on a loopback port behind the proxy.
/// </summary>
internal sealed class PortalInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly string _folder;
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private readonly StringBuilder _output = new();
    private Process? _process;

    public PortalInstance(string name, string folder)
    {
        Name = name;
        _folder = folder;
        Port = Commands.FreeLoopbackPort();
    }

    /// <summary>The proxy's name for it (its destination id).</summary>
    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What it wrote (JSON log lines), for failure messages.</summary>
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

    /// <summary>The operators' <c>migrate</c> command: schema and required data, then exit; run once before the instances start.</summary>
    public static Task MigrateAsync(string folder, IReadOnlyDictionary<string, string> settings)
        => Commands.RunAsync("dotnet", [PublishedPortal.AssemblyIn(folder), "migrate"], TimeSpan.FromMinutes(3), folder, WithProduction(settings, null));

    /// <param name="settings">Its configuration; null starts it again with the last.</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? _settings;
        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PublishedPortal.AssemblyIn(_folder));
        foreach (var (name, value) in WithProduction(_settings, Port))
        {
            start.Environment[name] = value;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>Waits for <c>/health/ready</c> to answer 200 (database and blob storage reachable).</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"Instance {Name} is not running.{Describe()}");
            }
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, $"instance {Name} to be ready", StartTimeout);
    }

    /// <summary>Ends it at once, as a crash or a lost machine would: no shutdown, requests under way break.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Dictionary<string, string> WithProduction(IReadOnlyDictionary<string, string> settings, int? port)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (port is { } p)
        {
            environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p}";
        }
        return environment;
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

    public string Describe(int lastLines = 40)
        => $"\n--- instance {Name} (last {lastLines} lines) ---\n{string.Join('\n', Output.Split('\n').TakeLast(lastLines))}";

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _process = null;
    }
}
