using System.Reflection;
using Consortium.Portal.ArchitectureTests.Infrastructure;
using Consortium.Portal.RuleBreaking;
using static Consortium.Portal.ArchitectureTests.Infrastructure.PortalLayout;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// The rules, run on a module built to break them (tests/Consortium.Portal.ArchitectureTests.RuleBreakingModule): a
/// rule that checks the wrong assembly, or nothing at all, passes on the real modules too, so each must be seen to fail here.
/// </summary>
public sealed class RulesCatchARuleBreakingModuleTests
{
    private static readonly Assembly RuleBreaking = typeof(RuleBreakingModule).Assembly;
    private static readonly string AssemblyName = RuleBreaking.GetName().Name!;
    private static readonly string Namespace = typeof(RuleBreakingModule).Namespace!;

    private static string ProjectFile => Path.Combine(RepositoryRoot, "tests", AssemblyName, AssemblyName + ".csproj");

    private static PortalPart Identity => Part("Identity");

    [Fact]
    public void Using_another_module_implementation_is_reported_by_type_by_assembly_reference_and_by_project_reference()
    {
        var violations = ArchitectureRules.UsesOfForbiddenParts(RuleBreaking, ProjectFile, [Identity.Implementation], [Identity.ImplementationProject]);

        Assert.Contains($"{Namespace}.PartnerLookup uses types of Consortium.Portal.Identity", violations);
        Assert.Contains($"{typeof(RoomBooking).FullName} uses types of Consortium.Portal.Identity", violations);
        Assert.Contains($"{AssemblyName} references the assembly Consortium.Portal.Identity", violations);
        Assert.Contains($"{AssemblyName}.csproj has a ProjectReference to Consortium.Portal.Identity.csproj", violations);
        Assert.DoesNotContain(violations, v => v.StartsWith(typeof(MeetingRoom).FullName + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_class_its_assembly_does_not_declare_is_reported()
    {
        var violations = ArchitectureRules.UndeclaredModules(RuleBreaking);

        Assert.Equal(
            [$"{typeof(RuleBreakingModule).FullName} is a module class that {AssemblyName} does not declare ([assembly: DeclaresModule(typeof(RuleBreakingModule))])"],
            violations);
    }

    [Fact]
    public void A_catch_of_a_lost_concurrent_save_inside_an_async_method_is_reported_by_the_method_written()
    {
        var violations = ArchitectureRules.OwnConcurrencyCatches(RuleBreaking);

        Assert.Equal([$"{Namespace}.RoomBookings.SaveAsync catches DbUpdateConcurrencyException"], violations);
    }

    [Fact]
    public void A_context_disposed_by_hand_or_by_await_using_is_reported_by_the_method_written()
    {
        var violations = ArchitectureRules.DisposedScopeContexts(RuleBreaking);

        Assert.Equal(
            [$"{Namespace}.RoomArchive.Close disposes its RuleBreakingDbContext: the scope gives a pooled context back itself",
             $"{Namespace}.RoomArchive.CountAsync disposes its RuleBreakingDbContext: the scope gives a pooled context back itself"],
            violations.Order());
    }

    [Fact]
    public void A_project_reference_whose_use_left_no_trace_in_the_assembly_is_reported()
    {
        // Using only a constant of a project compiles the value into the caller: the assembly then shows no reference at all.
        var folder = Directory.CreateTempSubdirectory("architecture-tests-").FullName;
        try
        {
            var project = Path.Combine(folder, "ConstantsOnly.csproj");
            File.WriteAllText(project, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <ProjectReference Include="{Identity.ImplementationProject}" />
                  </ItemGroup>
                </Project>
                """);

            var violations = ArchitectureRules.UsesOfForbiddenParts(PlatformKernel.Contracts, project, [Identity.Implementation], [Identity.ImplementationProject]);

            Assert.Equal(["ConstantsOnly.csproj has a ProjectReference to Consortium.Portal.Identity.csproj"], violations);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Contracts_that_depend_on_EF_Core_or_on_an_implementation_are_reported()
    {
        var violations = ArchitectureRules.ContractsViolations(RuleBreaking, ProjectFile, [Identity.Implementation, PlatformKernel.Implementation]);

        Assert.Contains($"{typeof(RoomBooking).FullName} uses types of Consortium.Portal.Identity", violations);
        Assert.Contains($"{Namespace}.RuleBreakingDbContext uses EF Core or ASP.NET Core", violations);
        Assert.Contains($"{Namespace}.RuleBreakingDbContext uses types of Consortium.Portal.Platform", violations);
        Assert.Contains($"{AssemblyName} references the assembly Microsoft.EntityFrameworkCore", violations);
        Assert.Contains($"{AssemblyName} references the implementation assembly Consortium.Portal.Identity", violations);
        Assert.Contains($"{AssemblyName}.csproj has a ProjectReference to Consortium.Portal.Identity.csproj, which is not a Contracts project", violations);
    }

    [Fact]
    public void The_platform_kernel_fails_the_contracts_rule_because_it_uses_EF_Core_and_ASP_NET_Core()
    {
        var violations = ArchitectureRules.ContractsViolations(PlatformKernel.Implementation, PlatformKernel.ImplementationProject, [Identity.Implementation]);

        Assert.Contains("Consortium.Portal.Platform references the assembly Microsoft.EntityFrameworkCore", violations);
        Assert.Contains(violations, v => v.StartsWith("Consortium.Portal.Platform references the assembly Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.Contains("Consortium.Portal.Platform.csproj references Microsoft.AspNetCore.App", violations);
        Assert.Contains("Consortium.Portal.Platform.csproj references Microsoft.EntityFrameworkCore.Relational", violations);
        Assert.Contains("Consortium.Portal.Platform.Data.ModuleDbContext uses EF Core or ASP.NET Core", violations);
        Assert.DoesNotContain(violations, v => v.Contains("uses types of Consortium.Portal.Identity", StringComparison.Ordinal));
    }

    [Fact]
    public void Public_or_unsealed_handlers_are_reported_and_an_internal_sealed_one_passes()
    {
        var handlers = ArchitectureRules.IntegrationEventHandlers(RuleBreaking).ToDictionary(h => h.Name, ArchitectureRules.HandlerViolations);

        Assert.Equal(["MinutesAmendedHandler", "MinutesPublishedHandler", "WellformedMinutesApprovedHandler"], handlers.Keys.Order());
        Assert.Equal([$"{Namespace}.MinutesPublishedHandler is not internal", $"{Namespace}.MinutesPublishedHandler is not sealed"], handlers["MinutesPublishedHandler"]);
        Assert.Equal([$"{Namespace}.MinutesAmendedHandler is not sealed"], handlers["MinutesAmendedHandler"]);
        Assert.Empty(handlers["WellformedMinutesApprovedHandler"]);
    }

    [Fact]
    public void Mutable_unsealed_or_unnamed_events_are_reported_and_a_sealed_named_immutable_record_passes()
    {
        Assert.Equal(
            [
                $"{Namespace}.MinutesPublished is not sealed",
                $"{Namespace}.MinutesPublished is not a record",
                $"{Namespace}.MinutesPublished has no [IntegrationEventName]",
                $"{Namespace}.MinutesPublished.MeetingId has a setter",
            ],
            ArchitectureRules.EventViolations(typeof(MinutesPublished)));
        Assert.Equal(
            [$"{Namespace}.MinutesAmended is not sealed", $"{Namespace}.MinutesAmended.Note has a setter"],
            ArchitectureRules.EventViolations(typeof(MinutesAmended)));
        Assert.Empty(ArchitectureRules.EventViolations(typeof(WellformedMinutesApproved)));
        Assert.Equal(3, ArchitectureRules.IntegrationEvents(RuleBreaking).Count);
    }

    [Fact]
    public void Tables_outside_the_prefix_and_entities_of_another_module_are_reported_in_every_model_of_the_module()
    {
        var otherModules = new[] { Identity.Contracts, Identity.Implementation };

        var violations = ModelRules.ModelsOf(RuleBreaking).ToDictionary(m => m.Source, m => ModelRules.Violations(m.Model, "RuleBreaking", otherModules));

        Assert.Equal(["RuleBreakingDbContext", "RuleBreakingModule.ConfigureModel"], violations.Keys.Order());
        foreach (var (source, found) in violations)
        {
            Assert.Contains("MeetingRoom is mapped to MeetingRooms, outside the prefix RuleBreaking", found);
            Assert.Contains("PartnerOrganisation is an entity of Consortium.Portal.Identity", found);
            Assert.Contains(found, v => v.StartsWith("PartnerOrganisation is mapped to ", StringComparison.Ordinal));
            Assert.DoesNotContain(found, v => v.StartsWith("RoomBooking ", StringComparison.Ordinal));
            Assert.DoesNotContain(found, v => v.Contains("OutboxMessages", StringComparison.Ordinal));
        }
    }
}
