using System.Diagnostics;
using Consortium.Portal.ArchitectureTests.Infrastructure;
using Xunit.Abstractions;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// The portal-module template (build/templates/portal-module) makes a module that builds in the solution and joins the
/// host: generated into a copy of the repository, so this checkout is untouched.
/// </summary>
/// <remarks>
/// The copy takes this checkout's build output of the projects the template does not touch (src/ and modules/, in the
/// configuration this test project was built in: building it builds the host and so every one of them). Only the
/// projects the template adds or changes are compiled, each with <c>--no-dependencies</c>: the new module, the host
/// that now references it, the module's tests and the integration tests with its matrix rows. Compiling all of
/// src/ and modules/ again in the copy proved nothing the solution's own build had not (it was about four minutes of
/// the suite under load); what is new is still compiled, warnings as errors, against the same assemblies.
/// </remarks>
public sealed class ModuleTemplateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    /// <summary>Debug or Release: the configuration of this test assembly, and so of the outputs beside it.</summary>
    private static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    [Fact]
    public async Task A_module_made_by_the_template_joins_the_solution_and_the_host_and_its_tests_pass()
    {
        var copy = Directory.CreateTempSubdirectory("portal-template-");
        var hive = Directory.CreateTempSubdirectory("portal-template-hive-");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            CopyRepository(PortalLayout.RepositoryRoot, copy.FullName, withBuildOutput: false);
            output.WriteLine($"copied in {stopwatch.Elapsed.TotalSeconds:F1} s");
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

            // The untouched projects' build output, after the template ran: none of it can stand for a generated file.
            CopyBuildOutput(PortalLayout.RepositoryRoot, copy.FullName);
            output.WriteLine($"build output copied at {stopwatch.Elapsed.TotalSeconds:F1} s");

            // The restore of the projects built below (the host's closure is the integration tests'): the copy's paths.
            await RunAsync(copy.FullName, "dotnet", "restore", "tests/Consortium.Portal.IntegrationTests", "-nologo", "-v", "quiet");
            await RunAsync(copy.FullName, "dotnet", "restore", "tests/Consortium.Portal.Glossary.Tests", "-nologo", "-v", "quiet");
            output.WriteLine($"restored at {stopwatch.Elapsed.TotalSeconds:F1} s");
            var references = await RunAsync(copy.FullName, "dotnet", "msbuild", "src/Consortium.Portal.Web", "-getItem:ProjectReference");
            Assert.Contains("Consortium.Portal.Glossary.csproj", references);

            // The new module and the host (every module, warnings as errors), in the order of their references, each
            // against the other projects' copied assemblies; one MSBuild run, which evaluates those projects once.
            string[] built =
            [
                "modules/Glossary/Consortium.Portal.Glossary.Contracts/Consortium.Portal.Glossary.Contracts.csproj",
                "modules/Glossary/Consortium.Portal.Glossary/Consortium.Portal.Glossary.csproj",
                "src/Consortium.Portal.Web/Consortium.Portal.Web.csproj",
                "tests/Consortium.Portal.Glossary.Tests/Consortium.Portal.Glossary.Tests.csproj",
                // The matrix rows compile against the generated module's paths, DTOs and the matrix's own types.
                "tests/Consortium.Portal.IntegrationTests/Consortium.Portal.IntegrationTests.csproj",
            ];
            await File.WriteAllTextAsync(Path.Combine(copy.FullName, "template-check.proj"), $"""
                <Project>
                  <ItemGroup>
                {string.Concat(built.Select(project => $"    <Built Include=\"{project}\" />\n"))}  </ItemGroup>
                  <Target Name="Build">
                    <MSBuild Projects="@(Built)" Targets="Build" Properties="Configuration={Configuration};BuildProjectReferences=false" />
                  </Target>
                </Project>
                """);
            await RunAsync(copy.FullName, "dotnet", "msbuild", "template-check.proj", "-nologo", "-v:quiet");
            output.WriteLine($"built at {stopwatch.Elapsed.TotalSeconds:F1} s");
            // The host's output now holds the new module beside the others.
            Assert.True(File.Exists(Path.Combine(copy.FullName, "src", "Consortium.Portal.Web", "bin", Configuration, "net10.0", "Consortium.Portal.Glossary.dll")));
            await RunAsync(copy.FullName, "dotnet", "test", "tests/Consortium.Portal.Glossary.Tests", "-c", Configuration, "--no-build", "-nologo");
            output.WriteLine($"module tests ran at {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            copy.Delete(recursive: true);
            hive.Delete(recursive: true);
        }
    }

    /// <summary>The tracked sources, without build output, test results or git's own folder.</summary>
    private static void CopyRepository(string from, string to, bool withBuildOutput)
    {
        string[] skipped = ["bin", "obj", ".git", ".artifacts", "node_modules", "App_Data"];
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (skipped.Contains(name) && !(withBuildOutput && name is "bin" or "obj"))
            {
                continue;
            }
            var target = Path.Combine(to, name);
            Directory.CreateDirectory(target);
            CopyRepository(directory, target, withBuildOutput);
        }
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            if (withBuildOutput && File.Exists(target))
            {
                continue;
            }
            File.Copy(file, target);
            // MSBuild decides what is up to date by the times of its inputs and outputs: they keep theirs.
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }

    /// <summary>
    /// The bin and obj folders of every project under src/ and modules/ that exists in the checkout (the generated
    /// module has none there, so it is compiled from nothing). A missing output fails the build below, loudly.
    /// </summary>
    private static void CopyBuildOutput(string from, string to)
    {
        foreach (var project in new[] { "src", "modules" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(from, folder), "*.csproj", SearchOption.AllDirectories)))
        {
            var projectFolder = Path.GetDirectoryName(Path.GetRelativePath(from, project))!;
            foreach (var kind in new[] { "bin", "obj" })
            {
                var source = Path.Combine(from, projectFolder, kind);
                if (Directory.Exists(source))
                {
                    var target = Path.Combine(to, projectFolder, kind);
                    Directory.CreateDirectory(target);
                    CopyRepository(source, target, withBuildOutput: true);
                }
            }
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
        // MSBuild's worker nodes would otherwise stay for minutes after the test, in a folder that no longer exists.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A step that ran out of time is ended with its children, not left compiling on a shared machine.
            process.Kill(entireProcessTree: true);
            throw;
        }
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
