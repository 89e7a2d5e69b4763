using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Consortium.Portal.Bench.Notifications;

/// <summary>The built portal as its own process on a loopback port, as an operator runs it; its memory is read from /proc.</summary>
internal sealed class PortalUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private PortalUnderTest(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's own process: the started one, or under a BENCH_PORTAL_WRAPPER its descendant that runs dotnet.</summary>
    public int ProcessId => _portalId ??= PortalProcessId(_process.Id);

    private int? _portalId;

    private static int PortalProcessId(int started)
    {
        if (File.ReadAllText($"/proc/{started}/comm").Trim() == "dotnet")
        {
            return started;
        }
        var children = new Queue<int>([started]);
        while (children.TryDequeue(out var parent))
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(folder), out var id))
                {
                    continue;
                }
                try
                {
                    var stat = File.ReadAllText($"{folder}/stat");
                    var parentId = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    if (parentId != parent)
                    {
                        continue;
                    }
                    if (File.ReadAllText($"{folder}/comm").Trim() == "dotnet")
                    {
                        return id;
                    }
                    children.Enqueue(id);
                }
                catch (IOException)
                {
                    // Ended while listed.
                }
            }
        }
        return started;
    }

    /// <summary>Runs the portal's <c>migrate</c> command: the schema, the partners and the roles, no demo data.</summary>
    public static async Task MigrateAsync(string webAssembly, IReadOnlyDictionary<string, string?> settings)
    {
        using var process = Process.Start(StartInfo(webAssembly, settings, "migrate"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The portal's migrate command failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    /// <param name="probe">The address that answers once the app serves: the portal's <c>/health/live</c>, or another app's page.</param>
    public static async Task<PortalUnderTest> StartAsync(string webAssembly, IReadOnlyDictionary<string, string?> settings, string probe = "/health/live")
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(StartInfo(webAssembly, settings, "--urls", baseAddress.ToString().TrimEnd('/')))!;
        // The portal logs to stdout; the benchmark does not read it, but must drain it so the portal never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        var portal = new PortalUnderTest(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} while starting.");
            }
            try
            {
                if ((await http.GetAsync(probe)).IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        await portal.DisposeAsync();
        throw new TimeoutException("The portal was not live within 3 minutes.");
    }

    /// <summary>VmRSS (resident now) and VmHWM (the peak) of the portal process, in MiB.</summary>
    public (double ResidentMiB, double PeakMiB) Memory()
    {
        var status = File.ReadAllLines($"/proc/{ProcessId}/status");
        double Read(string field) => double.Parse(status.Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return (Read("VmRSS"), Read("VmHWM"));
    }

    private static ProcessStartInfo StartInfo(string webAssembly, IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        // BENCH_PORTAL_WRAPPER (e.g. "heaptrack -o /tmp/portal"): a profiler the portal runs under, for a diagnostic run.
        var wrapper = (Environment.GetEnvironmentVariable("BENCH_PORTAL_WRAPPER") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in wrapper.Skip(1).Append("dotnet").Skip(wrapper.Length > 0 ? 0 : 1))
        {
            start.ArgumentList.Add(part);
        }
        start.ArgumentList.Add(webAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ConnectionStrings__Portal");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && ProcessId != _process.Id)
        {
            // Under a profiler: the portal stops as it does in production (SIGTERM), so the profiler writes its data out.
            using var stop = Process.Start("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await stop.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
