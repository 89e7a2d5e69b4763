namespace Consortium.Portal.Meetings;

/// <summary>
/// Meetings belong to workspaces, so what a user may do with one is the workspace's answer (View to see and answer an
/// invitation, Edit to organise); the one permission here only shows the module's pages in the menu.
/// </summary>
public static class MeetingsPermissions
{
    public const string Group = "Meetings";

    /// <summary>See the meetings pages (every role by default; each meeting still needs its workspace).</summary>
    public const string Use = "Meetings.Use";
}
