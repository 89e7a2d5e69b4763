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

        page.WaitForAssertion(() => Assert.Contains("ForumMeeting.updated", page.Markup));
        Assert.Contains("Audit log", page.Find("h1").TextContent);
        Assert.Contains("Asia/Tokyo", page.Markup);
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("ForumMeeting.updated", rows[0]);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 20, 0, 0)), rows[0]);
        Assert.Contains("System", rows[0]);
        Assert.Contains("identity.sign-in", rows[1]);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 18, 0, 0)), rows[1]);
        Assert.Contains("coordinator@kspag.example", rows[1]);
    }

    [Fact]
    public void Without_a_time_zone_of_their_own_users_see_Belgrade_time()
    {
        var page = Render(timeZone: null);

        page.WaitForAssertion(() => Assert.Contains("identity.sign-in", page.Markup));
        Assert.Contains("Europe/Belgrade", page.Markup);
        Assert.Contains(Shown(new DateTime(2026, 2, 10, 10, 0, 0)), page.Markup);
    }

    /// <summary>
    /// Types into a filter field and applies the filters, each step on the renderer's own thread: the page re-renders
    /// after the change, and a button found before that render may carry an event handler that no longer exists.
    /// </summary>
    private static async Task ApplyFilterAsync(IRenderedComponent<AuditLogPage> page, int field, string value)
    {
        await page.InvokeAsync(() => page.FindAll("input.mud-input-slot")[field].Change(value));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Apply filters")).Click());
    }

    [Fact]
    public async Task Filtering_by_an_action_prefix_shows_only_the_matching_lines()
    {
        var page = Render("Europe/Belgrade");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        await ApplyFilterAsync(page, 1, "identity.");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("identity.sign-in", page.Find("tbody tr").TextContent);
    }

    [Fact]
    public async Task A_malformed_user_id_is_pointed_out_on_its_field_and_nothing_is_listed()
    {
        var page = Render("Europe/Belgrade");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        await ApplyFilterAsync(page, 0, "not-a-user");

        page.WaitForAssertion(() => Assert.Contains("Enter a valid user id", page.Markup));
        Assert.DoesNotContain("identity.sign-in", page.Markup);
    }
}
