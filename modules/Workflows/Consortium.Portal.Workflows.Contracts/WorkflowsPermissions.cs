namespace Consortium.Portal.Workflows;

/// <summary>
/// Permission names of the Workflows module. Acting on a task needs no permission: being its assignee is the check, so
/// an invited Guest can review; the task inbox is open to every signed-in user and shows only their own tasks.
/// </summary>
public static class WorkflowsPermissions
{
    public const string Group = "Workflows";

    public static class Definitions
    {
        /// <summary>See the workflow definitions (partner staff by default).</summary>
        public const string View = "Workflows.Definitions.View";

        /// <summary>Publish a new version of a definition (Administrator and Coordinator by default).</summary>
        public const string Manage = "Workflows.Definitions.Manage";
    }

    public static class Instances
    {
        /// <summary>See every instance, cancel one, resolve incidents by reassigning (Administrator and Coordinator by default).</summary>
        public const string Manage = "Workflows.Instances.Manage";
    }
}
