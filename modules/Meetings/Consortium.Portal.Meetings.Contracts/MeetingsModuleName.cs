namespace Consortium.Portal.Meetings;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class MeetingsModuleName
{
    public const string Value = "Meetings";
}

/// <summary>Lengths and limits the model, the validators and the forms share.</summary>
public static class MeetingsConsts
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxPlaceLength = 200;
    public const int MaxLinkLength = 1000;
    public const int MaxNoteLength = 1000;
    public const int MaxMinutesLength = 100_000;
    public const int MaxDecisionLength = 4000;
    public const int MaxInvitees = 500;
    public const int MaxAgendaItems = 100;
    public const int MaxItemMinutes = 24 * 60;
    public const int MaxSeriesInterval = 12;

    /// <summary>A series must end within this many days of its first meeting: "no end" is refused.</summary>
    public const int SeriesHorizonDays = 2 * 366;

    /// <summary>The consortium's time zone, used when a meeting names none.</summary>
    public const string DefaultTimeZone = "Europe/Belgrade";
}
