namespace Consortium.Portal.Activities;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class ActivitiesModuleName
{
    public const string Value = "Activities";
}

/// <summary>Lengths the model, the validators and the forms share.</summary>
public static class ActivitiesConsts
{
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 300;
    public const int MaxVenueLength = 300;
    public const int MaxTextLength = 8000;
    public const int MaxUrlLength = 1000;
    public const int MaxEmailLength = 256;
    public const int MaxCommentLength = 2000;
    public const int MaxPeopleListed = 50;
    public const int MaxCapacity = 100_000;
    public const string DefaultTimeZone = "Europe/Belgrade";
}
