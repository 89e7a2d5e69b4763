namespace Consortium.Portal.Workflows;

/// <summary>
/// Definitions a module ships (minutes approval, joint publications): a module's seed asks for its definition once at
/// start, and a definition already published under the key, in any version the coordinator has made since, is left as it is.
/// </summary>
public interface IWorkflowDefinitionCatalog
{
    /// <summary>Publishes version 1 of <paramref name="request"/> when its key has no version yet; true when it did.</summary>
    Task<bool> EnsurePublishedAsync(PublishWorkflowDefinitionRequest request, CancellationToken cancellationToken = default);
}
