namespace Consortium.Portal.Workspaces.Domain;

/// <summary>
/// One line of a workspace's activity feed, as a module reported it (<see cref="WorkspaceActivityOccurred"/>). The
/// text is not stored: it is rendered in each reader's language from the resource, the key and the parameters.
/// </summary>
public sealed class WorkspaceActivityEntry
{
    public const int MaxResourceNameLength = 64;
    public const int MaxActionKeyLength = 128;
    public const int MaxLinkLength = 1024;

    /// <summary>The id of the outbox message that reported it, so a redelivery stores nothing twice.</summary>
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid? ActorUserId { get; set; }
    public string ResourceName { get; set; } = "";
    public string ActionKey { get; set; } = "";
    /// <summary>The parameters as a JSON object of strings.</summary>
    public string Parameters { get; set; } = "{}";
    public string? Link { get; set; }
    public DateTime OccurredAtUtc { get; set; }
}
