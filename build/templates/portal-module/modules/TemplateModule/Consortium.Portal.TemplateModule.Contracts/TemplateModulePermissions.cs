namespace Consortium.Portal.TemplateModule;

public static class TemplateModulePermissions
{
    public const string Group = "TemplateModule";

    public static class Items
    {
        /// <summary>See the items (partner staff by default).</summary>
        public const string View = "TemplateModule.Items.View";

        /// <summary>Add and rename items (Administrator and Coordinator by default).</summary>
        public const string Manage = "TemplateModule.Items.Manage";
    }
}
