namespace Consortium.Portal.Workspaces;

/// <summary>Configuration section <c>Workspaces</c>.</summary>
public sealed class WorkspacesOptions
{
    public const string Section = "Workspaces";

    /// <summary>
    /// How long the access check keeps a workspace's members (<see cref="Access.WorkspaceSnapshots"/>): a change saved
    /// on this instance is seen at once, on other instances after at most this long. Zero reads every time.
    /// </summary>
    public TimeSpan MembersCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    internal bool IsValid => MembersCacheLifetime >= TimeSpan.Zero && MembersCacheLifetime <= TimeSpan.FromMinutes(1);
}
