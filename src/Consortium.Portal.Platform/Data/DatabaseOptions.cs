using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Consortium.Portal.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// <c>Database:Provider</c> (Sqlite | PostgreSql) and <c>ConnectionStrings:Portal</c>. SQLite is the default and needs no
/// set-up: without a connection string it uses <c>portal.db</c> in the data folder.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Portal";

    /// <summary>Reads and checks the configuration; a wrong value stops the start with a message that says what to fix.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string dataFolder)
    {
        var providerName = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerName))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerName, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || int.TryParse(providerName, out _))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not supported. Use 'Sqlite' (the default) or 'PostgreSql'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is PostgreSql but ConnectionStrings:{ConnectionStringName} is missing. " +
                    "Set it, for example ConnectionStrings__Portal='Host=127.0.0.1;Port=5432;Database=portal;Username=portal;Password=...'.");
            }
            Directory.CreateDirectory(dataFolder);
            connectionString = $"Data Source={Path.Combine(dataFolder, "portal.db")}";
        }
        return new DatabaseOptions(provider, connectionString);
    }
}

/// <summary>Where the portal keeps its local files (SQLite database, file-system blobs, mail pick-up): <c>Portal:DataFolder</c>.</summary>
public static class PortalDataFolder
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Portal:DataFolder"];
        var folder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
