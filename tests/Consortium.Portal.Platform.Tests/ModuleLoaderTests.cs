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
        // Two things make a module found: the host references its project, and its assembly declares it.
        Assert.Contains("Reference the module's project from the host, and declare its module class in its assembly", error.Message);
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
    public void Discovery_makes_the_modules_an_assembly_declares()
    {
        var modules = ModuleLoader.ModulesDeclaredBy([typeof(PlatformModule).Assembly]);

        Assert.IsType<PlatformModule>(Assert.Single(modules));
    }

    [Fact]
    public void An_assembly_that_declares_another_assemblys_module_or_a_class_that_is_no_module_cannot_start()
    {
        // The declaration is what the host goes by: a wrong one must stop the start with the one line that says what is wrong.
        var borrowing = AssemblyDeclaring("Consortium.Portal.Borrowing", typeof(PlatformModule));
        var notAModule = AssemblyDeclaring("Consortium.Portal.NotAModule", typeof(ModuleCatalog));

        var borrowed = Assert.Throws<ModuleLoadException>(() => ModuleLoader.ModulesDeclaredBy([borrowing]));
        var wrongClass = Assert.Throws<ModuleLoadException>(() => ModuleLoader.ModulesDeclaredBy([notAModule]));

        Assert.Equal($"Consortium.Portal.Borrowing declares {typeof(PlatformModule).FullName} as its module, which is not a module class of that assembly with a public constructor without parameters.", borrowed.Message);
        Assert.StartsWith($"Consortium.Portal.NotAModule declares {typeof(ModuleCatalog).FullName} as its module", wrongClass.Message);
    }

    // A type of the assembly itself cannot be declared here: reading the attribute would look for the dynamic assembly by name.
    private static System.Reflection.Assembly AssemblyDeclaring(string name, Type declared)
    {
        var assembly = System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new System.Reflection.AssemblyName(name), System.Reflection.Emit.AssemblyBuilderAccess.RunAndCollect);
        assembly.SetCustomAttribute(new System.Reflection.Emit.CustomAttributeBuilder(typeof(DeclaresModuleAttribute).GetConstructor([typeof(Type)])!, [declared]));
        return assembly;
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
