namespace Consortium.Portal.Identity;

public static class IdentityModuleName
{
    public const string Value = "Identity";
}
