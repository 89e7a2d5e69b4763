namespace Consortium.Portal.Meetings;

/// <summary>What another module (the home page's "my work") may ask about a user's action items.</summary>
public interface IActionItemQueries
{
    /// <summary>The user's open action items in workspaces they can still see, the earliest due first.</summary>
    Task<IReadOnlyList<ActionItemDto>> GetOpenForUserAsync(Guid userId, CancellationToken cancellationToken = default);
}
