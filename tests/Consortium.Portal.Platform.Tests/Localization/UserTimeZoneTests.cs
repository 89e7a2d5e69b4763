using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class UserTimeZoneTests
{
    private sealed class SignedInUser(params Claim[] claims) : ICurrentUser
    {
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(claims, "test"));
        public bool IsAuthenticated => true;
        public Guid? Id => null;
        public string? UserName => null;
        public Guid? PartnerOrganisationId => null;
        public IReadOnlyList<string> Roles => [];
        public bool IsInRole(string role) => false;
    }

    private static readonly DateTime WinterNoonUtc = new(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SummerNoonUtc = new(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_a_time_zone_of_their_own_a_user_sees_the_consortium_s_Belgrade_time()
    {
        var zone = new UserTimeZone(new SignedInUser());

        Assert.Equal(new DateTime(2026, 1, 15, 13, 0, 0), zone.ToLocal(WinterNoonUtc));
        Assert.Equal(new DateTime(2026, 7, 15, 14, 0, 0), zone.ToLocal(SummerNoonUtc));
    }

    [Fact]
    public void Just_after_midnight_in_Belgrade_the_user_s_today_is_already_the_next_day_while_UTC_s_is_not()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 22, 59, 0, TimeSpan.Zero));
        var zone = new UserTimeZone(new SignedInUser(), clock);
        Assert.Equal(new DateTime(2026, 12, 6), zone.Today);

        // 23:30 UTC on a Sunday is 00:30 on Monday in Belgrade: a "week from today" counts from Monday.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateTime(2026, 12, 7), zone.Today);
        Assert.Equal(DateTimeKind.Unspecified, zone.Today.Kind);
        Assert.Equal(new DateTime(2026, 12, 7, 0, 30, 0), zone.Now);
    }

    [Fact]
    public void A_user_in_London_has_their_own_today()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero));
        var zone = new UserTimeZone(new SignedInUser(new Claim(PortalClaimTypes.TimeZone, "Europe/London")), clock);

        Assert.Equal(new DateTime(2026, 12, 6), zone.Today);
    }

    [Fact]
    public void A_user_s_own_time_zone_is_used()
    {
        var zone = new UserTimeZone(new SignedInUser(new Claim(PortalClaimTypes.TimeZone, "Europe/London")));

        Assert.Equal(new DateTime(2026, 7, 15, 13, 0, 0), zone.ToLocal(SummerNoonUtc));
    }

    [Fact]
    public void An_unknown_time_zone_falls_back_to_Belgrade()
    {
        var zone = new UserTimeZone(new SignedInUser(new Claim(PortalClaimTypes.TimeZone, "Mars/Olympus_Mons")));

        Assert.Equal("Europe/Belgrade", zone.TimeZone.Id);
    }

    [Fact]
    public void A_time_read_back_without_a_kind_is_taken_as_UTC()
    {
        var zone = new UserTimeZone(new SignedInUser());

        Assert.Equal(new DateTime(2026, 1, 15, 13, 0, 0), zone.ToLocal(DateTime.SpecifyKind(WinterNoonUtc, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void A_time_is_formatted_for_the_current_culture()
    {
        var zone = new UserTimeZone(new SignedInUser());
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
            var english = zone.Format(WinterNoonUtc, "d MMMM yyyy HH:mm");
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sq");
            var albanian = zone.Format(WinterNoonUtc, "d MMMM yyyy HH:mm");

            Assert.Equal("15 January 2026 13:00", english);
            Assert.Equal("15 janar 2026 13:00", albanian);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
