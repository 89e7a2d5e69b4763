using Consortium.Portal.Platform.Modularity;

namespace Consortium.Portal.Platform.Tests;

public sealed class ModuleLoaderTests
{
    private sealed class TestModule(string name, params string[] dependsOn) : PortalModule
    {
        public override string Name => name;
        public override IReadOnlyList<string> DependsOn => dependsOn;
    }

    [Fact]
    public void Modules_come_after_the_modules_they_depend_on()
    {
        var platform = new TestModule("Platform");
        var identity = new TestModule("Identity", "Platform");
        var documents = new TestModule("Documents", "Workspaces", "Identity");
        var workspaces = new TestModule("Workspaces", "Identity", "Platform");
        var root = new TestModule("Web", "Documents", "Workspaces");

        var order = ModuleLoader.Load(root, [documents, platform, workspaces, identity]).Select(m => m.Name).ToList();

        Assert.Equal(["Platform", "Identity", "Workspaces", "Documents", "Web"], order);
    }

    [Fact]
    public void Modules_not_reachable_from_the_root_are_not_loaded()
    {
        var order = ModuleLoader.Load(new TestModule("Web", "Platform"), [new TestModule("Platform"), new TestModule("Unused")]);

        Assert.DoesNotContain(order, m => m.Name == "Unused");
    }

    [Fact]
    public void A_missing_dependency_fails_with_the_names_of_both_modules()
    {
        var error = Assert.Throws<ModuleLoadException>(() =>
            ModuleLoader.Load(new TestModule("Web", "Documents"), [new TestModule("Documents", "Workspaces")]));

        Assert.Contains("'Documents' depends on module 'Workspaces'", error.Message);
    }

    [Fact]
    public void A_cycle_fails_and_names_the_cycle()
    {
        var error = Assert.Throws<ModuleLoadException>(() => ModuleLoader.Load(
            new TestModule("Web", "A"),
            [new TestModule("A", "B"), new TestModule("B", "C"), new TestModule("C", "A")]));

        Assert.Contains("A -> B -> C -> A", error.Message);
    }

    [Fact]
    public void Two_different_modules_with_one_name_fail()
    {
        var error = Assert.Throws<ModuleLoadException>(() => ModuleLoader.Load(new TestModule("Web", "A"), [new TestModule("A"), new OtherModuleNamedA()]));

        Assert.Contains("Two modules are named 'A'", error.Message);
    }

    private sealed class OtherModuleNamedA : PortalModule
    {
        public override string Name => "A";
    }

    [Fact]
    public void Discovery_skips_a_portal_named_file_whose_assembly_is_another_one()
    {
        // A composite ReadyToRun publish writes the native code of every assembly into one image named after the app,
        // Consortium.Portal.Web.r2r.dll, whose assembly name is "ManifestMetadata" and which cannot be loaded. Made
        // here as an assembly of that name under such a file name, beside the tests' own assemblies.
        var file = Path.Combine(AppContext.BaseDirectory, $"Consortium.Portal.Test{Guid.NewGuid():N}.r2r.dll");
        var image = new System.Reflection.Emit.PersistedAssemblyBuilder(new System.Reflection.AssemblyName("ManifestMetadata"), typeof(object).Assembly);
        image.DefineDynamicModule("ManifestMetadata").DefineType("Placeholder").CreateType();
        image.Save(file);
        try
        {
            var modules = ModuleLoader.DiscoverModules(typeof(PlatformModule).Assembly);

            Assert.Contains(modules, m => m is PlatformModule);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
