namespace Consortium.Portal.Identity;

/// <summary>Permission names of the Identity module; definitions and default grants live in the module.</summary>
public static class IdentityPermissions
{
    public const string Group = "Identity";

    public static class Partners
    {
        public const string View = "Identity.Partners.View";
        public const string Manage = "Identity.Partners.Manage";
    }

    public static class Users
    {
        public const string View = "Identity.Users.View";
        public const string Invite = "Identity.Users.Invite";
        public const string Manage = "Identity.Users.Manage";
    }

    public static class Roles
    {
        public const string ManagePermissions = "Identity.Roles.ManagePermissions";
    }
}
