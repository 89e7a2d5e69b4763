using Npgsql;

namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of this test class's own, made as build/services.sh makes the suite's (initdb, pg_ctl, trust
/// on loopback), so the tests can stop it and start it again without touching the server other tests use. PostgreSQL
/// refuses to run as root, so as root the cluster belongs to the postgres system user. A missing binary fails.
/// </summary>
internal sealed class PrivatePostgreSql : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PrivatePostgreSql(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "portal", Password = "portal", Database = database,
    }.ConnectionString;

    public static async Task<PrivatePostgreSql> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql: the production tests need Debian's postgresql (build/test.sh installs it).");
        }
        var data = Directory.CreateTempSubdirectory("portal-production-pg-").FullName;
        if (Commands.IsRoot)
        {
            await Commands.RunAsync("chown", ["postgres:postgres", data], TimeSpan.FromSeconds(30));
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var cluster = new PrivatePostgreSql(bin, data, Commands.FreeLoopbackPort());
        await cluster.AsOwnerAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8"]);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts the stopped cluster, on the same port and data.</summary>
    public Task StartAgainAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {_data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start"]);

    /// <summary>Stops it at once, as a crash or a lost network would: open connections break.</summary>
    public Task StopAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"]);

    private Task<string> AsOwnerAsync(string program, IReadOnlyList<string> arguments)
    {
        if (!Commands.IsRoot)
        {
            return Commands.RunAsync(program, arguments, TimeSpan.FromMinutes(2));
        }
        // su runs one shell command line: each argument quoted for it.
        var line = string.Join(' ', new[] { program }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return Commands.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", line], TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(_data, "postmaster.pid")))
            {
                await StopAsync();
            }
        }
        finally
        {
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
