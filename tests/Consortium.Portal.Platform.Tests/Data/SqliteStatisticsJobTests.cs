using Consortium.Portal.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consortium.Portal.Platform.Tests.Data;

/// <summary>The planner's statistics are gathered for every table that needs them, by the job, not left to chance.</summary>
public sealed class SqliteStatisticsJobTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"stats-{Guid.NewGuid():N}.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();

    [Fact]
    public async Task A_table_never_queried_on_the_job_s_connection_gets_its_index_statistics_and_postgres_is_left_alone()
    {
        await using (var setup = new SqliteConnection(ConnectionString))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            command.CommandText = """
                CREATE TABLE "MeetingsDecisions" ("Id" INTEGER PRIMARY KEY, "DecidedAtUtc" TEXT NOT NULL, "Number" INTEGER NOT NULL);
                CREATE INDEX "IX_MeetingsDecisions_DecidedAtUtc_Number" ON "MeetingsDecisions" ("DecidedAtUtc", "Number");
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO "MeetingsDecisions" ("DecidedAtUtc", "Number") SELECT datetime('2026-01-01', '+' || i || ' hours'), i FROM n;
                """;
            await command.ExecuteNonQueryAsync();
        }

        // On PostgreSQL (autovacuum analyses there) the job touches nothing, not even this file.
        await new SqliteStatisticsJob(new DatabaseOptions(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=none"), NullLogger<SqliteStatisticsJob>.Instance)
            .RunAsync(CancellationToken.None);
        Assert.Empty(await StatisticsAsync());

        await new SqliteStatisticsJob(new DatabaseOptions(DatabaseProvider.Sqlite, ConnectionString), NullLogger<SqliteStatisticsJob>.Instance)
            .RunAsync(CancellationToken.None);

        Assert.Contains("IX_MeetingsDecisions_DecidedAtUtc_Number", await StatisticsAsync());
    }

    private async Task<List<string>> StatisticsAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            return [];
        }
        command.CommandText = "SELECT idx FROM sqlite_stat1 WHERE tbl = 'MeetingsDecisions'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }
        return names;
    }

    public void Dispose()
    {
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }
}
