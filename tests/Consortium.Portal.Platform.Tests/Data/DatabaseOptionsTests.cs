using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Consortium.Portal.Platform.Tests.Data;

/// <summary>
/// The modules' contexts on PostgreSQL keep their statements prepared and skip the reset of a pooled connection
/// (issue 16); the settings and the connection string itself can say otherwise, and SQLite and migrations are untouched.
/// </summary>
public sealed class DatabaseOptionsTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=portal;Username=portal;Password=secret";

    private static DatabaseOptions Read(params (string Key, string Value)[] settings)
        => DatabaseOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Portal"] = Plain }
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build(), Path.GetTempPath());

    [Fact]
    public void The_contexts_prepare_their_statements_and_skip_the_reset_by_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Read().ContextConnectionString);

        Assert.Equal(20, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("portal", tuned.Database);
        Assert.Equal("secret", tuned.Password);
    }

    [Fact]
    public void The_settings_turn_both_off()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Read(("Database:MaxAutoPrepare", "0"), ("Database:ResetOnClose", "true")).ContextConnectionString);

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }

    [Fact]
    public void The_connection_string_s_own_values_win()
    {
        var options = new DatabaseOptions(DatabaseProvider.PostgreSql, Plain + ";Max Auto Prepare=3;No Reset On Close=false");

        var tuned = new NpgsqlConnectionStringBuilder(options.ContextConnectionString);

        Assert.Equal(3, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }

    [Fact]
    public void A_negative_number_of_prepared_statements_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Database:MaxAutoPrepare", "-1")));

        Assert.Contains("Database:MaxAutoPrepare", error.Message);
    }

    [Fact]
    public void Sqlite_and_the_migrations_keep_the_connection_string_as_given()
    {
        var sqlite = new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=portal.db");
        Assert.Equal("Data Source=portal.db", sqlite.ContextConnectionString);

        var postgres = Read();
        using var migrations = new DbContext(DbContextRegistration.ConfigureProvider(postgres, new DbContextOptionsBuilder(), "Migrations").Options);
        using var module = new DbContext(DbContextRegistration.ConfigureProvider(postgres, new DbContextOptionsBuilder()).Options);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(migrations.Database.GetConnectionString()).MaxAutoPrepare);
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(module.Database.GetConnectionString()).MaxAutoPrepare);
    }
}
