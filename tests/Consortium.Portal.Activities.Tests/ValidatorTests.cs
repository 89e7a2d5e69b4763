using Consortium.Portal.Activities.Application;
using Consortium.Portal.Platform;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Tests;

public sealed class ValidatorTests
{
    /// <summary>Answers with the key and its arguments, so a test sees which message was chosen.</summary>
    private sealed class KeyTexts<T> : IStringLocalizer<T>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static readonly RegisterValidator Register = new(new KeyTexts<ActivitiesResource>(), new KeyTexts<PlatformResource>());

    private static RegisterRequest Valid => new("Ana Registrant", "ana@example.org", null, TargetGroup.Youth, null, null, true, "token", null);

    [Fact]
    public void A_registration_with_name_address_group_and_consent_is_valid()
        => Assert.True(Register.Validate(Valid).IsValid);

    [Fact]
    public void A_registration_without_consent_is_refused()
        => Assert.Equal(["Validation.ConsentRequired"], Register.Validate(Valid with { Consent = false }).Errors.Select(e => e.ErrorMessage));

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two words@example.org")]
    [InlineData("Ana <ana@example.org>")]
    public void An_address_that_is_not_one_is_refused(string email)
        => Assert.Equal(["Validation.Email"], Register.Validate(Valid with { Email = email }).Errors.Select(e => e.ErrorMessage));

    [Fact]
    public void An_event_ending_before_it_starts_or_public_without_places_is_refused()
    {
        var rules = new EventDetailsValidator(new KeyTexts<ActivitiesResource>(), new KeyTexts<PlatformResource>());
        var start = new DateTime(2027, 5, 12, 10, 0, 0);
        var details = new EventDetails(Guid.NewGuid(), EventKind.Roundtable, "Roundtable in Peja", null, start, start.AddHours(-1), "Europe/Belgrade",
            null, "Peja", null, null, ["AKTIV"], null, null, null, true, null);

        var errors = rules.Validate(details).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Validation.EndBeforeStart", errors);
        Assert.Contains("Validation.CapacityRequired", errors);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var rules = new EventDetailsValidator(new KeyTexts<ActivitiesResource>(), new KeyTexts<PlatformResource>());
        var start = new DateTime(2027, 5, 12, 10, 0, 0);
        var details = new EventDetails(Guid.NewGuid(), EventKind.Roundtable, "Roundtable", null, start, start.AddHours(2), "Mars/Olympus",
            null, "Peja", null, null, ["AKTIV"], null, null, null, false, null);

        Assert.Equal(["Validation.TimeZone"], rules.Validate(details).Errors.Select(e => e.ErrorMessage));
    }

    [Theory]
    [InlineData(null, "Validation.ReasonRequired")]
    [InlineData("   ", "Validation.ReasonRequired")]
    public void An_event_is_cancelled_only_with_a_reason(string? reason, string message)
    {
        var rules = new CancelEventValidator(new KeyTexts<ActivitiesResource>(), new KeyTexts<PlatformResource>());
        Assert.Equal([message], rules.Validate(new CancelEventRequest(reason)).Errors.Select(e => e.ErrorMessage));
        Assert.True(rules.Validate(new CancelEventRequest("The venue flooded.")).IsValid);
    }
}
