using Consortium.Portal.Platform.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// Keeps SQLite's planner statistics current. SQLite chooses between indexes by the statistics ANALYZE stores
/// (sqlite_stat1), and nothing else gathers them: without them it ignored, for one, the decisions register's
/// (DecidedAtUtc, Number) index and sorted the whole table. <c>PRAGMA optimize=0x10002</c> looks at every table
/// (0x10000), not only those this connection queried, and analyses only those whose size changed enough since their
/// last analysis; <c>analysis_limit</c> bounds each to a sample, so a run costs milliseconds. PostgreSQL's autovacuum
/// does this work there, so the job does nothing on PostgreSQL.
/// </summary>
public sealed class SqliteStatisticsJob(DatabaseOptions database, ILogger<SqliteStatisticsJob> logger) : IRecurringJob
{
    public const string JobId = "platform.sqlite-statistics";

    /// <summary>The statement, also run once at start-up after the migrations.</summary>
    public const string Optimize = "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Optimize;
        await command.ExecuteNonQueryAsync(cancellationToken);
        logger.LogDebug("SQLite's planner statistics brought up to date");
    }
}
