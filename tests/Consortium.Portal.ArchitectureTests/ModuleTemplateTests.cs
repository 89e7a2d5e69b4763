using System.Diagnostics;
using Consortium.Portal.ArchitectureTests.Infrastructure;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// The portal-module template (build/templates/portal-module) makes a module that builds in the solution and joins the
/// host: generated into a copy of the repository, so this checkout is untouched.
/// </summary>
public sealed class ModuleTemplateTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_module_made_by_the_template_joins_the_solution_and_the_host_and_its_tests_pass()
    {
        var copy = Directory.CreateTempSubdirectory("portal-template-");
        var hive = Directory.CreateTempSubdirectory("portal-template-hive-");
        try
        {
            CopyRepository(PortalLayout.RepositoryRoot, copy.FullName);
            await RunAsync(copy.FullName, "dotnet", "new", "install", "build/templates/portal-module", "--debug:custom-hive", hive.FullName);
            // A module the portal does not have (Meetings, the earlier sample, now exists): the template refuses to overwrite.
            await RunAsync(copy.FullName, "dotnet", "new", "portal-module", "-n", "Glossary", "--debug:custom-hive", hive.FullName);

            var solution = await File.ReadAllTextAsync(Path.Combine(copy.FullName, "Consortium.Portal.sln"));
            Assert.StartsWith("Microsoft Visual Studio Solution File", solution.TrimStart('\uFEFF', '\r', '\n'));
            Assert.Contains(@"modules\Glossary\Consortium.Portal.Glossary\Consortium.Portal.Glossary.csproj", solution);
            Assert.Contains(@"modules\Glossary\Consortium.Portal.Glossary.Contracts\Consortium.Portal.Glossary.Contracts.csproj", solution);
            Assert.Contains(@"tests\Consortium.Portal.Glossary.Tests\Consortium.Portal.Glossary.Tests.csproj", solution);
            Assert.Contains("GlossaryModuleName.Value",
                await File.ReadAllTextAsync(Path.Combine(copy.FullName, "src", "Consortium.Portal.Web", "Modules", "Glossary.cs")));
            // Its tables sit behind its own prefix: "Glossary" + "Items".
            Assert.Contains("TablePrefix = \"Glossary\"",
                await File.ReadAllTextAsync(Path.Combine(copy.FullName, "modules", "Glossary", "Consortium.Portal.Glossary", "Data", "GlossaryDbContext.cs")));
            // Its endpoints' rows of the authorization matrix, which finds them by reflection: no list to edit.
            Assert.Contains("class GlossaryMatrixRows : IEndpointMatrixRows",
                await File.ReadAllTextAsync(Path.Combine(copy.FullName, "tests", "Consortium.Portal.IntegrationTests", "Matrix", "Rows", "GlossaryMatrixRows.cs")));
            Assert.DoesNotContain(Directory.EnumerateFiles(copy.FullName, "*", SearchOption.AllDirectories),
                path => Path.GetFileName(path).Contains("TemplateModule", StringComparison.Ordinal) && !path.Contains("build" + Path.DirectorySeparatorChar + "templates"));

            // The host (every module, warnings as errors) and the module's own tests, as a newcomer would build them.
            await RunAsync(copy.FullName, "dotnet", "build", "src/Consortium.Portal.Web", "-c", "Release", "-nologo", "-v", "quiet");
            var references = await RunAsync(copy.FullName, "dotnet", "msbuild", "src/Consortium.Portal.Web", "-getItem:ProjectReference");
            Assert.Contains("Consortium.Portal.Glossary.csproj", references);
            await RunAsync(copy.FullName, "dotnet", "test", "tests/Consortium.Portal.Glossary.Tests", "-c", "Release", "-nologo");
            // The matrix rows compile against the generated module's paths, DTOs and the matrix's own types.
            await RunAsync(copy.FullName, "dotnet", "build", "tests/Consortium.Portal.IntegrationTests", "-c", "Release", "-nologo", "-v", "quiet");
        }
        finally
        {
            copy.Delete(recursive: true);
            hive.Delete(recursive: true);
        }
    }

    /// <summary>The tracked sources, without build output, test results or git's own folder.</summary>
    private static void CopyRepository(string from, string to)
    {
        string[] skipped = ["bin", "obj", ".git", ".artifacts", "node_modules", "App_Data"];
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (skipped.Contains(name))
            {
                continue;
            }
            var target = Path.Combine(to, name);
            Directory.CreateDirectory(target);
            CopyRepository(directory, target);
        }
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static async Task<string> RunAsync(string directory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
