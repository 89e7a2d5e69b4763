using Consortium.Portal.Platform;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;
using FluentValidation;
using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Platform.Tests.Auditing;

public sealed class AuditLogPageTests : IAsyncLifetime
{
    private static readonly DateTime SignInAt = new(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc);
    private PlatformTestHost _host = default!;
    private readonly BunitContext _page = new();

    public async Task InitializeAsync()
    {
        _host = await PlatformTestHost.StartAsync(DatabaseProvider.Sqlite);
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.AuditLog.AddRange(
                new AuditLogEntry { Id = Guid.CreateVersion7(), AtUtc = SignInAt, Action = "identity.sign-in", UserName = "coordinator@kspag.example", UserId = Guid.NewGuid(), EntityType = "PortalUser", EntityId = "coordinator" },
                new AuditLogEntry { Id = Guid.CreateVersion7(), AtUtc = SignInAt.AddHours(2), Action = "ForumMeeting.updated", EntityType = "ForumMeeting", EntityId = "m-7", Details = "[{\"property\":\"Title\"}]" });
            await db.SaveChangesAsync();
        }

        var connectionString = _host.Services.GetRequiredService<DatabaseOptions>().ConnectionString;
        _page.Services.AddMudServices();
        _page.Services.AddDbContext<PlatformDbContext>(o => o.UseSqlite(connectionString));
        _page.Services.AddScoped<AuditLogSearch>();
        _page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        _page.Services.AddSingleton<IStringLocalizerFactory, EmbeddedJsonLocalizerFactory>();
        _page.Services.AddScoped<IValidator<AuditLogQueryParameters>, AuditLogQueryValidator>();
        // What a circuit's scope has: the user of the page (kept by the circuit handler in the portal) and their zone.
        _page.Services.AddHttpContextAccessor();
        _page.Services.AddScoped(_ => new CurrentPrincipal { Principal = _principal });
        _page.Services.AddScoped<ICurrentUser, CurrentUser>();
        _page.Services.AddScoped<UserTimeZone>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _host.DisposeAsync();
    }

    private ClaimsPrincipal? _principal;

    private IRenderedComponent<AuditLogPage> Render(string? timeZone)
    {
        Claim[] claims = [new(ClaimTypes.Name, "coordinator@kspag.example"), new(ClaimTypes.Role, PortalRoles.Coordinator),
            .. timeZone is null ? Array.Empty<Claim>() : [new Claim(PortalClaimTypes.TimeZone, timeZone)]];
        _principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        var auth = _page.AddAuthorization();
        auth.SetAuthorized("coordinator@kspag.example");
        auth.SetRoles(PortalRoles.Coordinator);
        if (timeZone is not null)
        {
            auth.SetClaims(new Claim(PortalClaimTypes.TimeZone, timeZone));
        }
        _page.Render<MudPopoverProvider>();
        return _page.Render<AuditLogPage>();
    }

    private static string Shown(DateTime local) => local.ToString("G", CultureInfo.CurrentCulture);

    [Fact]
    public void Lines_are_shown_newest_first_at_the_users_own_time()
    {
        var page = Render("Asia/Tokyo");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Contains("Audit log", page.Find("h1").TextContent);
        Assert.Contains("Asia/Tokyo", page.Markup);
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        // Sentences, not codes: the meeting's change by the system, then the coordinator's sign-in.
        Assert.Contains("System changed the meeting", rows[0]);
        Assert.DoesNotContain("ForumMeeting.updated", rows[0]);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 20, 0, 0)), rows[0]);
        Assert.Contains("coordinator@kspag.example", rows[1]);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 18, 0, 0)), rows[1]);
    }

    [Fact]
    public void Without_a_time_zone_of_their_own_users_see_Belgrade_time()
    {
        var page = Render(timeZone: null);

        page.WaitForAssertion(() => Assert.Contains("identity.sign-in", page.Markup));
        Assert.Contains("Europe/Belgrade", page.Markup);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 10, 0, 0)), page.Markup);
    }

    [Fact]
    public async Task Filtering_by_an_action_shows_only_the_matching_lines()
    {
        var page = Render("Europe/Belgrade");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        // The action filter offers the actions found in the log; picking one and applying lists only its lines.
        var action = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Action");
        await page.InvokeAsync(() => action.Instance.ValueChanged.InvokeAsync("identity.sign-in"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Apply filters")).Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("coordinator@kspag.example", page.Find("tbody tr").TextContent);
    }

    [Fact]
    public async Task Details_open_on_request_with_the_action_code_and_the_changed_values()
    {
        var page = Render("Europe/Belgrade");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Empty(page.FindAll("dl.audit-details"));

        var details = page.FindAll("tbody tr")[0].QuerySelectorAll("button").Single(b => b.TextContent.Contains("Details"));
        Assert.Equal("false", details.GetAttribute("aria-expanded"));
        await page.InvokeAsync(() => details.Click());

        page.WaitForAssertion(() => Assert.Contains("ForumMeeting.updated", page.Find("dl.audit-details").TextContent));
        Assert.Equal("true", page.FindAll("tbody tr")[0].QuerySelectorAll("button").First(b => b.TextContent.Contains("Hide details")).GetAttribute("aria-expanded"));
    }
}
