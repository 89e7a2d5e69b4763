using Consortium.Portal.ArchitectureTests.Infrastructure;
using Consortium.Portal.Platform.Events;
using System.Reflection;
using static Consortium.Portal.ArchitectureTests.Infrastructure.PortalLayout;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// Modules change each other's data only through events: the event record lives in the publisher's Contracts, the
/// handler is an internal sealed class of the subscriber.
/// </summary>
public sealed class IntegrationEventTests
{
    [Theory]
    [MemberData(nameof(ModulesAndPlatform), MemberType = typeof(PortalLayout))]
    public void Integration_event_handlers_are_internal_sealed_classes_of_the_implementation(string module)
    {
        var part = Part(module);

        var violations = ArchitectureRules.IntegrationEventHandlers(part.Implementation).SelectMany(ArchitectureRules.HandlerViolations)
            .Concat(ArchitectureRules.IntegrationEventHandlers(part.Contracts).Select(h => $"{h.FullName} is a handler in Contracts"));

        RuleAssert.NoViolations(violations);
    }

    [Theory]
    [MemberData(nameof(ModulesAndPlatform), MemberType = typeof(PortalLayout))]
    public void Integration_events_are_sealed_named_immutable_records_in_contracts(string module)
    {
        var part = Part(module);

        var violations = ArchitectureRules.IntegrationEvents(part.Contracts).SelectMany(ArchitectureRules.EventViolations)
            .Concat(ArchitectureRules.IntegrationEvents(part.Implementation).Select(e => $"{e.FullName} is an integration event outside Contracts"));

        RuleAssert.NoViolations(violations);
    }

    [Fact]
    public void Integration_event_names_are_unique_across_the_portal()
    {
        var named = AllModules.Append(PlatformKernel)
            .SelectMany(p => ArchitectureRules.IntegrationEvents(p.Contracts))
            .Select(e => (Event: e.FullName, e.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name))
            .ToList();

        var duplicates = named.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Event))}");

        Assert.NotEmpty(named);
        RuleAssert.NoViolations(duplicates);
    }
}
