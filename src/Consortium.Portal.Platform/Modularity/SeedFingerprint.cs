using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Consortium.Portal.Platform.Data;

namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// What a seeding's outcome depends on, as one hash: the build of every module (and of the assemblies of the portal
/// they use: their contracts hold seed data too), whether demo data is included, and each configuration value a seeder
/// reads (<see cref="PortalModule.GetSeedInputs"/>). Every seeder writes only what is missing, so on a database that a
/// seeding with the same fingerprint completed, running them again writes nothing: a start that finds its fingerprint
/// stored skips them (issue 16, cold start). Anything that could make a seeder write something new changes it.
/// </summary>
public static class SeedFingerprint
{
    /// <summary>The inputs, one <c>name=value</c> line each, in a fixed order: what <see cref="Compute"/> hashes.</summary>
    public static IReadOnlyList<string> Inputs(ModuleCatalog catalog, IServiceProvider services, bool includeDemoData)
    {
        var lines = PortalAssemblies(catalog)
            .Select(a => $"assembly:{a.GetName().Name}={a.ManifestModule.ModuleVersionId:N}")
            .Order(StringComparer.Ordinal)
            .ToList();
        lines.Add($"demo-data={includeDemoData}");
        foreach (var module in catalog.Modules)
        {
            lines.AddRange(module.GetSeedInputs(services).Select(i => $"{module.Name}:{i.Key}={i.Value}"));
        }
        return lines;
    }

    /// <summary>The hex SHA-256 of <see cref="Inputs"/>.</summary>
    public static string Compute(ModuleCatalog catalog, IServiceProvider services, bool includeDemoData)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Inputs(catalog, services, includeDemoData)))));

    /// <summary>
    /// The modules' assemblies and every assembly of the portal they reference, directly or not (the platform, the
    /// contracts): a seeder's data or code may live in any of them.
    /// </summary>
    private static IEnumerable<Assembly> PortalAssemblies(ModuleCatalog catalog)
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(catalog.Modules.SelectMany(m => new[] { m.GetType().Assembly, m.Assembly }));
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsPortal(reference) && !found.ContainsKey(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }
        return found.Values;
    }

    private static bool IsPortal(AssemblyName name) => name.Name?.StartsWith("Consortium.Portal.", StringComparison.Ordinal) == true;
}

/// <summary>
/// The fingerprint of the last seeding that completed, in <c>PlatformSeeding</c>. Read and written with one statement
/// each, without EF's model: the read is on every start's way to ready.
/// </summary>
public sealed class SeedFingerprintStore(DatabaseOptions database)
{
    /// <summary>The one row's key: the modules' seeding as a whole.</summary>
    public const string Modules = "modules";

    /// <summary>The stored fingerprint; null when there is none (or no table to hold one: a database not yet migrated).</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"Fingerprint\" FROM \"{PlatformDbProperties.TablePrefix}Seeding\" WHERE \"Name\" = @name";
            command.AddParameter("name", Modules);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (DbException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores <paramref name="fingerprint"/> after a seeding that completed. Two instances seeding together both write
    /// one; whichever is last is one that a completed seeding wrote, and a different one only makes the next start
    /// seed again.
    /// </summary>
    public async Task WriteAsync(string fingerprint, DateTime seededAtUtc, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The same statement on both providers: SQLite has had the upsert since 3.24.
        command.CommandText = $"""
            INSERT INTO "{PlatformDbProperties.TablePrefix}Seeding" ("Name", "Fingerprint", "SeededAtUtc") VALUES (@name, @fingerprint, @at)
            ON CONFLICT ("Name") DO UPDATE SET "Fingerprint" = excluded."Fingerprint", "SeededAtUtc" = excluded."SeededAtUtc"
            """;
        command.AddParameter("name", Modules);
        command.AddParameter("fingerprint", fingerprint);
        command.AddParameter("at", DateTime.SpecifyKind(seededAtUtc, DateTimeKind.Utc));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
