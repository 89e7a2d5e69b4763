namespace Consortium.Portal.Workspaces;

public static class WorkspacesModuleName
{
    public const string Value = "Workspaces";
}
