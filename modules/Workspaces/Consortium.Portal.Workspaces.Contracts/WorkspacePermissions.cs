namespace Consortium.Portal.Workspaces;

public static class WorkspacePermissions
{
    public const string Group = "Workspaces";

    /// <summary>Create a workspace (global right; Administrator, Coordinator and PartnerLead by default).</summary>
    public const string Create = "Workspaces.Create";

    /// <summary>See and manage every workspace regardless of membership (Administrator, Coordinator).</summary>
    public const string ManageAll = "Workspaces.ManageAll";
}
