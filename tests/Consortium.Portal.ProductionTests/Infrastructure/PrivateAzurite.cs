using System.Diagnostics;

namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// Azurite's blob service, this test class's own (the suite's pinned copy in build/azurite, started as build/services.sh
/// starts it), so the tests can stop it and start it again on the same port and data. A missing Azurite fails.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    /// <summary>The emulator's published well-known account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _program;
    private readonly string _data;
    private Process? _process;

    private PrivateAzurite(string program, string data, int port)
    {
        _program = program;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<PrivateAzurite> StartAsync()
    {
        var program = Path.Combine(Commands.RepositoryRoot, "build", "azurite", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"No Azurite at {program}: build/test.sh installs it (npm ci in build/azurite).");
        }
        var azurite = new PrivateAzurite(program, Directory.CreateTempSubdirectory("portal-production-azurite-").FullName, Commands.FreeLoopbackPort());
        await azurite.StartAgainAsync();
        return azurite;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", _data, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Any HTTP answer, even a refusal of the anonymous request, means it is serving.
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            }
            try
            {
                using var _ = await http.GetAsync($"http://127.0.0.1:{Port}/devstoreaccount1?comp=list");
                return true;
            }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, "Azurite to serve", TimeSpan.FromMinutes(2));
    }

    /// <summary>Stops it at once: requests to it are refused from then on.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
