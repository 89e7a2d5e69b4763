using Consortium.Portal.Meetings.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Tests;

public sealed class ValidationTests
{
    /// <summary>Answers with the key, so a test sees which message was chosen.</summary>
    private sealed class KeyTexts : IStringLocalizer<MeetingsResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, name);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static readonly DateTime Start = new(2027, 5, 4, 10, 0, 0);

    private static IEnumerable<string> Errors(CreateMeetingRequest request)
        => new CreateMeetingValidator(new KeyTexts()).Validate(request).Errors.Select(e => e.ErrorMessage);

    [Fact]
    public void An_end_before_the_start_is_refused()
        => Assert.Equal(["Validation.EndBeforeStart"], Errors(new CreateMeetingRequest("Forum", null, Start, Start.AddHours(-1))));

    [Fact]
    public void An_unknown_time_zone_is_refused()
        => Assert.Equal(["Validation.UnknownTimeZone"], Errors(new CreateMeetingRequest("Forum", null, Start, Start.AddHours(1), "Mars/Olympus")));

    [Fact]
    public void A_series_without_an_end_is_refused()
        => Assert.Equal(["Validation.Series.NoEnd"], Errors(new CreateMeetingRequest("Forum", null, Start, Start.AddHours(1), Series: new SeriesSpec(SeriesFrequency.Weekly))));

    [Fact]
    public void A_script_link_is_not_an_online_place()
        => Assert.Equal(["Validation.OnlineLink"], Errors(new CreateMeetingRequest("Forum", null, Start, Start.AddHours(1), OnlineLink: "javascript:alert(1)")));

    [Fact]
    public void A_meeting_with_a_place_and_a_link_is_accepted()
        => Assert.Empty(Errors(new CreateMeetingRequest("Forum", null, Start, Start.AddHours(2), "Europe/Belgrade", "Hotel", "Novi Sad", "https://meet.example.org/x")));
}
