using System.Reflection;
using Consortium.Portal.ArchitectureTests.Infrastructure;
using static Consortium.Portal.ArchitectureTests.Infrastructure.PortalLayout;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>A module's public surface is its Contracts project; nothing else of it is used from outside.</summary>
public sealed class ModuleBoundaryTests
{
    [Fact]
    public void The_portal_has_modules_and_each_is_checked()
    {
        Assert.NotEmpty(ModuleNames);
        Assert.Contains("Identity", ModuleNames);
    }

    [Theory]
    [MemberData(nameof(Modules), MemberType = typeof(PortalLayout))]
    public void Module_folder_holds_contracts_and_an_implementation_with_one_module_class(string module)
    {
        var part = Part(module);

        Assert.Equal($"Consortium.Portal.{module}.Contracts", part.Contracts.GetName().Name);
        Assert.Equal($"Consortium.Portal.{module}", part.Implementation.GetName().Name);
        Assert.Single(ModelRules.ModuleClasses(part.Implementation));
    }

    [Theory]
    [MemberData(nameof(Modules), MemberType = typeof(PortalLayout))]
    public void Module_implementation_uses_no_other_module_implementation_nor_the_host(string module)
    {
        var others = AllModules.Where(m => m.Name != module).ToList();
        Assembly[] forbiddenAssemblies = [.. others.Select(m => m.Implementation), HostAssembly, MigrationsAssembly];
        string[] forbiddenProjects = [.. others.Select(m => m.ImplementationProject), HostProject, MigrationsProject];
        var part = Part(module);

        var violations = ArchitectureRules.UsesOfForbiddenParts(part.Implementation, part.ImplementationProject, forbiddenAssemblies, forbiddenProjects);

        RuleAssert.NoViolations(violations);
        Assert.DoesNotContain(part.Implementation, forbiddenAssemblies);
        Assert.All(forbiddenProjects, project => Assert.True(File.Exists(project), $"{project} is checked but does not exist"));
    }

    [Theory]
    [MemberData(nameof(Modules), MemberType = typeof(PortalLayout))]
    public void Module_contracts_depend_only_on_platform_contracts_and_other_contracts(string module)
    {
        var part = Part(module);

        var violations = ArchitectureRules.ContractsViolations(part.Contracts, part.ContractsProject, ImplementationAssemblies());

        RuleAssert.NoViolations(violations);
    }

    [Fact]
    public void Platform_contracts_depend_on_neither_EF_Core_nor_ASP_NET_Core()
    {
        var violations = ArchitectureRules.ContractsViolations(PlatformKernel.Contracts, PlatformKernel.ContractsProject, ImplementationAssemblies());

        RuleAssert.NoViolations(violations);
        Assert.DoesNotContain(PlatformKernel.Contracts.GetReferencedAssemblies(), r => r.Name!.StartsWith("Consortium.Portal.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modules), MemberType = typeof(PortalLayout))]
    public void Platform_kernel_knows_no_module(string module)
    {
        var part = Part(module);
        Assembly[] moduleAssemblies = [part.Contracts, part.Implementation];
        string[] moduleProjects = [part.ContractsProject, part.ImplementationProject];

        var kernelUses = ArchitectureRules.UsesOfForbiddenParts(PlatformKernel.Implementation, PlatformKernel.ImplementationProject, moduleAssemblies, moduleProjects)
            .Concat(ArchitectureRules.UsesOfForbiddenParts(PlatformKernel.Contracts, PlatformKernel.ContractsProject, moduleAssemblies, moduleProjects));

        RuleAssert.NoViolations(kernelUses);
    }

    /// <summary>Every assembly that is not a public surface: each module's implementation, the kernel's, the host and the migrations.</summary>
    private static IReadOnlyCollection<Assembly> ImplementationAssemblies() =>
        [.. AllModules.Select(m => m.Implementation), PlatformKernel.Implementation, HostAssembly, MigrationsAssembly];
}
