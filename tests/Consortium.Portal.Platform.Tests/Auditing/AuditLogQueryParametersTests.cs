using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Validation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Tests.Auditing;

public sealed class AuditLogQueryParametersTests
{
    /// <summary>Returns the key and its arguments, so a test sees which message was chosen.</summary>
    private sealed class KeyLocalizer : IStringLocalizer<PlatformResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static (bool Ok, AuditLogQuery Query, IReadOnlyDictionary<string, string[]> Errors) Parse(AuditLogQueryParameters parameters)
    {
        var result = new AuditLogQueryValidator(new KeyLocalizer()).Validate(parameters);
        return (result.IsValid, result.IsValid ? parameters.ToQuery() : default!, RequestValidation.ToFieldErrors(result));
    }

    [Fact]
    public void No_parameters_mean_the_first_page_of_everything()
    {
        var (ok, query, _) = Parse(new AuditLogQueryParameters());

        Assert.True(ok);
        Assert.Equal(new AuditLogQuery(1, AuditLogQuery.DefaultPageSize), query);
    }

    [Fact]
    public void Every_filter_is_read()
    {
        var user = Guid.NewGuid();
        var (ok, query, _) = Parse(new AuditLogQueryParameters
        {
            Page = "3", PageSize = "200", UserId = user.ToString(), Action = " identity.sign-in", EntityType = "PortalUser", EntityId = "42",
            From = "2026-03-01T08:00:00+01:00", To = "2026-03-02",
        });

        Assert.True(ok);
        Assert.Equal(new AuditLogQuery(3, 200, user, "identity.sign-in", "PortalUser", "42",
            new DateTime(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc)), query);
        Assert.Equal(DateTimeKind.Utc, query.FromUtc!.Value.Kind);
    }

    [Fact]
    public void Each_bad_value_gets_its_own_error()
    {
        var (ok, _, errors) = Parse(new AuditLogQueryParameters
        {
            Page = "0", PageSize = "201", UserId = "someone", EntityType = new string('x', 129), From = "yesterday", To = "2026-13-01",
        });

        Assert.False(ok);
        Assert.Equal(["entityType", "from", "page", "pageSize", "to", "userId"], errors.Keys.Order());
        Assert.Equal(["Validation:PageSize(200)"], errors["pageSize"]);
        Assert.Equal(["Validation:TooLong(128)"], errors["entityType"]);
        Assert.Equal(["Validation:Instant"], errors["from"]);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public void A_page_that_is_not_a_positive_whole_number_is_refused(string page)
    {
        var (ok, _, errors) = Parse(new AuditLogQueryParameters { Page = page });

        Assert.False(ok);
        Assert.Equal(["Validation:Page"], errors["page"]);
    }

    [Fact]
    public void A_page_too_far_to_count_to_is_refused()
    {
        var (ok, _, errors) = Parse(new AuditLogQueryParameters { Page = "2000000000", PageSize = "200" });

        Assert.False(ok);
        Assert.Contains("page", errors.Keys);
    }

    [Fact]
    public void The_end_of_the_range_must_come_after_its_start()
    {
        var (ok, _, errors) = Parse(new AuditLogQueryParameters { From = "2026-03-02T00:00:00Z", To = "2026-03-01T00:00:00Z" });

        Assert.False(ok);
        Assert.Equal(["Validation:FromBeforeTo"], errors["to"]);
    }
}
