using System.Reflection;
using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Modularity;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

/// <summary>
/// A module (or the platform kernel) as the rules see it: its public Contracts assembly, its implementation
/// assembly, and the project files they are built from.
/// </summary>
public sealed record PortalPart(string Name, Assembly Contracts, Assembly Implementation, string ContractsProject, string ImplementationProject)
{
    public override string ToString() => Name;
}

/// <summary>
/// The portal's parts, found from the repository layout rather than listed by hand, so that a new module is checked
/// as soon as its folder exists: every folder under modules/ holds <c>Consortium.Portal.{Module}.Contracts</c> and
/// <c>Consortium.Portal.{Module}</c>. Their assemblies are in the test output because the host references every module.
/// </summary>
public static class PortalLayout
{
    public const string PlatformName = "Platform";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Dictionary<string, PortalPart> Loaded = new(StringComparer.Ordinal);

    public static string RepositoryRoot => Root.Value;

    /// <summary>
    /// The files the portal is built from (modules/ and src/) whose names end with one of <paramref name="extensions"/>
    /// (".razor", ".cs"), relative to the repository, in order; build output and generated EF Core code (compiled models,
    /// migrations) left out.
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(params string[] extensions)
        => new[] { "modules", "src" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, top), "*", SearchOption.AllDirectories))
            .Where(path => extensions.Any(extension => path.EndsWith(extension, StringComparison.Ordinal)))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "CompiledModels" or "Migrations"))
            .Select(path => Path.GetRelativePath(RepositoryRoot, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The module names, from the folders under modules/.</summary>
    public static IReadOnlyList<string> ModuleNames =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot, "modules"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>One case per module.</summary>
    public static TheoryData<string> Modules => new(ModuleNames);

    /// <summary>One case per module, and one for the platform kernel, which follows the same rules for events and tables.</summary>
    public static TheoryData<string> ModulesAndPlatform => new([.. ModuleNames, PlatformName]);

    public static Assembly HostAssembly => typeof(Program).Assembly;

    public static string HostProject => Path.Combine(RepositoryRoot, "src", "Consortium.Portal.Web", "Consortium.Portal.Web.csproj");

    public static Assembly MigrationsAssembly => typeof(PortalMigrationsDbContext).Assembly;

    public static string MigrationsProject => Path.Combine(RepositoryRoot, "src", "Consortium.Portal.Migrations", "Consortium.Portal.Migrations.csproj");

    public static PortalPart PlatformKernel => Part(PlatformName);

    public static IReadOnlyList<PortalPart> AllModules => ModuleNames.Select(Part).ToList();

    public static PortalPart Part(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var part))
            {
                part = name == PlatformName
                    ? new PortalPart(name, typeof(IIntegrationEvent).Assembly, typeof(PortalModule).Assembly,
                        Path.Combine(RepositoryRoot, "src", "Consortium.Portal.Platform.Contracts", "Consortium.Portal.Platform.Contracts.csproj"),
                        Path.Combine(RepositoryRoot, "src", "Consortium.Portal.Platform", "Consortium.Portal.Platform.csproj"))
                    : LoadModule(name);
                Loaded[name] = part;
            }
            return part;
        }
    }

    private static PortalPart LoadModule(string module)
    {
        var folder = Path.Combine(RepositoryRoot, "modules", module);
        var contracts = $"Consortium.Portal.{module}.Contracts";
        var implementation = $"Consortium.Portal.{module}";
        return new PortalPart(
            module,
            LoadAssembly(contracts),
            LoadAssembly(implementation),
            ProjectFile(folder, contracts),
            ProjectFile(folder, implementation));
    }

    private static string ProjectFile(string moduleFolder, string projectName)
    {
        var path = Path.Combine(moduleFolder, projectName, projectName + ".csproj");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"A module folder holds {projectName}/{projectName}.csproj, but {path} does not exist. " +
                "Every folder under modules/ is a module made of Consortium.Portal.<Module>.Contracts and Consortium.Portal.<Module>.");
        }
        return path;
    }

    private static Assembly LoadAssembly(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"The assembly {name} is not in the architecture tests' output. Reference the module's project from " +
                "src/Consortium.Portal.Web (the host references every module, and these tests reference the host).", e);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Consortium.Portal.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Consortium.Portal.sln above {AppContext.BaseDirectory}: the tests read the repository layout.");
    }
}
