namespace Consortium.Portal.Activities;

public static class ActivitiesPermissions
{
    public const string Group = "Activities";

    public static class Plan
    {
        /// <summary>See the plan, the events, attendance counts and progress (partner staff by default).</summary>
        public const string View = "Activities.Plan.View";

        /// <summary>Edit the activities and their targets (the Coordinator and administrators by default).</summary>
        public const string Manage = "Activities.Plan.Manage";
    }

    public static class Events
    {
        /// <summary>Plan events, record outputs, check people in (partner leads and staff of the organising partners).</summary>
        public const string Manage = "Activities.Events.Manage";
    }

    public static class Registrants
    {
        /// <summary>Every event's registrants, exported or erased on request (the Coordinator by default).</summary>
        public const string ManageAll = "Activities.Registrants.ManageAll";
    }

    public static class Reports
    {
        /// <summary>The donor reports (.xlsx, .docx, CSV, JSON).</summary>
        public const string Export = "Activities.Reports.Export";
    }
}
