namespace Consortium.Portal.Workflows;

/// <summary>
/// How a module ships the default definition its subjects run (Publications' joint review, Meetings' minutes): from its
/// <c>SeedAsync</c>, at every start. Coordinators then change it in the portal; a seed never overwrites their versions.
/// </summary>
public interface IWorkflowDefinitionSeeds
{
    /// <summary>
    /// Publishes <paramref name="request"/> as version 1 when no version of its key exists; does nothing otherwise.
    /// True when it published. An invalid definition is refused like any other (every reason listed).
    /// </summary>
    Task<bool> EnsurePublishedAsync(PublishWorkflowDefinitionRequest request, CancellationToken cancellationToken = default);
}
