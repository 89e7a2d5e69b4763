using System.Diagnostics;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// A wrong setting stops the portal at start with one line saying what to fix, and a failing exit code: the portal
/// runs here as operators run it, in a process of its own.
/// </summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task An_unknown_database_provider_stops_the_start_with_a_clear_message()
    {
        var (exitCode, stderr) = await RunPortalAsync(new() { ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "Consortium Portal cannot start: Database:Provider 'Oracle' is not supported. Use 'Sqlite' (the default) or 'PostgreSql'.",
            stderr.Trim());
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_stops_the_start_with_a_clear_message()
    {
        var (exitCode, stderr) = await RunPortalAsync(new() { ["Database__Provider"] = "PostgreSql" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Consortium Portal cannot start: Database:Provider is PostgreSql but ConnectionStrings:Portal is missing.", line);
    }

    /// <summary>
    /// The host as its own build left it (same configuration and framework as this test's build). Not the copy beside
    /// the tests: in that folder the host would take the test assemblies for modules of its own.
    /// </summary>
    private static string PortalAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Consortium.Portal.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var assembly = Path.Combine(root.FullName, "src", "Consortium.Portal.Web", "bin", configuration, framework, "Consortium.Portal.Web.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: build the solution first.");
        return assembly;
    }

    private static async Task<(int ExitCode, string Stderr)> RunPortalAsync(Dictionary<string, string> settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { PortalAssembly() },
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Only the settings under test: nothing inherited from the machine may make the start succeed or fail.
            foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(variable);
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Portal__DataFolder"] = folder;
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The portal did not stop within a minute. Output: {await stdout}");
            }
            return (process.ExitCode, await stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
