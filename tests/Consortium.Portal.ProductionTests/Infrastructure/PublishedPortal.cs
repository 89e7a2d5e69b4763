namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// The output of <c>dotnet publish -c Release</c> of the Web host, what an operator copies to a server: made once per
/// test run, from the build the tests were built with (<c>--no-build</c>: the test project references the Web project,
/// so it is built, in the same configuration, before the tests).
/// </summary>
internal static class PublishedPortal
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    public static string AssemblyIn(string folder) => Path.Combine(folder, "Consortium.Portal.Web.dll");

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Commands.RepositoryRoot, "build", ".artifacts", "production-tests", "publish");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        await Commands.RunAsync("dotnet",
            ["publish", Commands.PortalWebProject, "-c", Commands.Configuration, "--no-build", "-o", output, "-nologo", "-v", "q"],
            TimeSpan.FromMinutes(5), Commands.RepositoryRoot,
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        if (!File.Exists(AssemblyIn(output)))
        {
            throw new InvalidOperationException($"dotnet publish made no {AssemblyIn(output)}.");
        }
        return output;
    }
}
