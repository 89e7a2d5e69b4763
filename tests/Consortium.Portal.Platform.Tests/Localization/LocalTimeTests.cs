using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class LocalTimeTests
{
    private sealed class UserIn(string? timeZone) : ICurrentUser
    {
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
            timeZone is null ? [] : [new Claim(PortalClaimTypes.TimeZone, timeZone)], "test"));
        public bool IsAuthenticated => true;
        public Guid? Id => null;
        public string? UserName => null;
        public Guid? PartnerOrganisationId => null;
        public IReadOnlyList<string> Roles => [];
        public bool IsInRole(string role) => false;
    }

    private static async Task<string> RenderAsync(string? timeZone, string culture, DateTime? value, string format)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<ICurrentUser>(new UserIn(timeZone))
            .AddScoped<UserTimeZone>()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<LocalTime>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(LocalTime.Value)] = value,
                    [nameof(LocalTime.Format)] = format,
                }))).ToHtmlString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task A_UTC_time_is_shown_on_the_user_s_clock_in_their_language_and_kept_exact_for_machines()
    {
        var html = await RenderAsync(null, "sr-Latn", new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc), "d. MMMM yyyy. HH:mm");

        Assert.Equal("<time datetime=\"2026-03-02T08:30:00.0000000Z\" title=\"Europe/Belgrade\">2. mart 2026. 09:30</time>", html);
    }

    [Fact]
    public async Task A_user_elsewhere_sees_their_own_clock()
    {
        var html = await RenderAsync("America/New_York", "en", new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Utc), "HH:mm");

        Assert.Contains(">13:00</time>", html);
    }

    [Fact]
    public async Task No_time_shows_nothing()
        => Assert.Equal("", (await RenderAsync(null, "en", null, "g")).Trim());
}
