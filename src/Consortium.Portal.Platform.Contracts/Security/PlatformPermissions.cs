namespace Consortium.Portal.Platform.Security;

/// <summary>Permission names of the platform itself.</summary>
public static class PlatformPermissions
{
    public const string Group = "Platform";

    public static class AuditLog
    {
        public const string View = "Platform.AuditLog.View";
    }

    public static class BackgroundJobs
    {
        public const string View = "Platform.BackgroundJobs.View";
    }
}
