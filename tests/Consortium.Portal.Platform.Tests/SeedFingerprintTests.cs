using Consortium.Portal.Platform.Modularity;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests;

public sealed class SeedFingerprintTests
{
    private sealed class SeedingModule(string name, Func<string?> setting) : PortalModule
    {
        public override string Name => name;

        public override IEnumerable<KeyValuePair<string, string?>> GetSeedInputs(IServiceProvider services) => [new("Setting", setting())];
    }

    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    [Fact]
    public void The_inputs_are_the_builds_of_the_modules_and_the_portal_assemblies_they_use_the_demo_switch_and_each_seeders_settings()
    {
        var catalog = new ModuleCatalog([new SeedingModule("Workspaces", () => "on")]);

        var inputs = SeedFingerprint.Inputs(catalog, NoServices, includeDemoData: true);

        // The module's own assembly and the platform it references, each by its build's id; nothing outside the portal.
        Assert.Contains($"assembly:Consortium.Portal.Platform.Tests={typeof(SeedingModule).Assembly.ManifestModule.ModuleVersionId:N}", inputs);
        Assert.Contains($"assembly:Consortium.Portal.Platform={typeof(PortalModule).Assembly.ManifestModule.ModuleVersionId:N}", inputs);
        Assert.All(inputs.Where(i => i.StartsWith("assembly:", StringComparison.Ordinal)),
            i => Assert.StartsWith("assembly:Consortium.Portal.", i, StringComparison.Ordinal));
        Assert.Contains("demo-data=True", inputs);
        Assert.Contains("Workspaces:Setting=on", inputs);
    }

    [Fact]
    public void The_same_inputs_give_the_same_fingerprint_and_a_changed_one_another()
    {
        string? setting = "first";
        var catalog = new ModuleCatalog([new SeedingModule("Identity", () => setting)]);

        var fingerprint = SeedFingerprint.Compute(catalog, NoServices, includeDemoData: true);

        Assert.Equal(fingerprint, SeedFingerprint.Compute(catalog, NoServices, includeDemoData: true));
        Assert.Equal(64, fingerprint.Length);
        Assert.NotEqual(fingerprint, SeedFingerprint.Compute(catalog, NoServices, includeDemoData: false));
        setting = "second";
        Assert.NotEqual(fingerprint, SeedFingerprint.Compute(catalog, NoServices, includeDemoData: true));
        setting = null;
        Assert.NotEqual(fingerprint, SeedFingerprint.Compute(catalog, NoServices, includeDemoData: true));
    }
}
