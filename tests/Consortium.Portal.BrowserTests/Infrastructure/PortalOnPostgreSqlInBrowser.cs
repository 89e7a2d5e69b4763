using Npgsql;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The portal as production runs it: PostgreSQL (a database of its own on the server build/test.sh starts,
/// PORTAL_TEST_POSTGRES) and Azure Blob Storage (Azurite, PORTAL_TEST_AZURITE), with the demo data. A missing server
/// fails the collection with a message, as everywhere else in the suite.
/// </summary>
public sealed class PortalOnPostgreSqlInBrowser : PortalInBrowser
{
    private string? _server;
    private string? _database;

    protected override async Task<IReadOnlyDictionary<string, string>> PrepareSettingsAsync()
    {
        _server = Required("PORTAL_TEST_POSTGRES", "a PostgreSQL server");
        var azurite = Required("PORTAL_TEST_AZURITE", "Azurite (the Azure Storage emulator)");
        var database = "portal_browser_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        _database = database;
        return new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString,
            ["Blobs__Provider"] = "AzureBlobStorage",
            ["Blobs__Azure__ConnectionString"] = azurite,
            // Containers of their own on the shared emulator.
            ["Blobs__Azure__ContainerPrefix"] = "browser" + Guid.NewGuid().ToString("N")[..8] + "-",
        };
    }

    protected override async Task CleanUpAsync()
    {
        if (_server is null || _database is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        _database = null;
    }

    private static string Required(string variable, string what)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: the browser tests on PostgreSQL and Azurite need {what}. Run them through build/test.sh, which starts it on loopback.");
}

[CollectionDefinition(Name)]
public sealed class PortalOnPostgreSqlInBrowserCollection : ICollectionFixture<PortalOnPostgreSqlInBrowser>
{
    public const string Name = "Portal on PostgreSQL and Azurite in a browser";
}
