using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Web;
using Consortium.Portal.Web;
using Consortium.Portal.Web.Components;
using MudBlazor.Services;

// The phases of a start, logged once it listens: what a cold start spends its time on (build/bench/startup), and what
// the JIT compiled by then (RESULTS.md "Cold start, twelfth session": most of a start's CPU on these 2 cores).
var startClock = System.Diagnostics.Stopwatch.StartNew();
WebApplication app;
ModuleCatalog modules;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortalWebHost();
    modules = builder.AddPortalModules<PortalWebModule>();

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddCascadingAuthenticationState();
    builder.Services.AddMudServices();

    app = builder.Build();
}
catch (Exception e) when (e is InvalidOperationException or ModuleLoadException)
{
    // A wrong setting (an unknown database provider, a missing connection string, a missing module): the operator
    // needs the one line that says what to fix, not a stack trace.
    Console.Error.WriteLine($"Consortium Portal cannot start: {e.Message}");
    return 1;
}

// `migrate`: the operators' command; brings the schema up to date, seeds what every installation needs, and exits.
var migrateOnly = args.Contains("migrate", StringComparer.Ordinal);
var hostBuilt = startClock.Elapsed;
var upToDate = await PortalDatabase.MigrateAsync(app.Services);
var migrated = startClock.Elapsed;
var includeDemoData = !migrateOnly && app.Configuration.GetValue<bool>("Portal:SeedDemoData");
if (upToDate && !migrateOnly)
{
    // An existing database: the seeders' checks run beside the host's start; /health/ready waits for them (StartupSeeding).
    app.Services.StartSeedingPortalModules(includeDemoData);
}
else
{
    await app.Services.SeedPortalModulesAsync(includeDemoData);
}
var seeded = startClock.Elapsed;
if (migrateOnly)
{
    return 0;
}

// First: the warm-up after listening sends one request through everything below (PortalEndpointWarmUp).
app.UsePortalEndpointWarmUp();
app.UsePortalForwardedHeaders();
app.UsePortalSecurityHeaders();
app.UsePortalErrorHandling();
// Before any module's middleware: a request that comes before the start's seeding has ended waits for it.
app.UsePortalStartupGate();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    // Set as each response starts, so a failed request's answer (a 503) has it too.
    app.UsePortalHsts();
    app.UseHttpsRedirection();
}

app.UsePortalHealthProbes();
app.UseRouting();
// Right after routing, which says whether a request is a hub's or a circuit's: a stopping portal opens no new ones.
app.UsePortalStoppingConnections();
// Sign-in attempts are limited per address (the Identity module's policy); limits need the routed endpoint.
app.UseRateLimiter();
app.UseAuthentication();
// After authentication: a signed-in user's own language (a claim) is one of the ways the culture is chosen.
app.UseRequestLocalization();
// Before any endpoint: a state-changing API, hub or circuit request, and every WebSocket, must come from the portal's pages.
app.UsePortalSameOriginRequests();
// JSON and form bodies in any charset but UTF-8 get a 415 problem, not the framework's 500.
app.UsePortalRequestCharsetCheck();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapPortalHostEndpoints();
app.MapPortalModules();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(o => o.ConfigureWebSocketAcceptContext = PortalWebModule.ConfigureCircuitWebSocket)
    .AddAdditionalAssemblies(modules.PageAssemblies.Where(a => a != typeof(Program).Assembly).ToArray());
var mapped = startClock.Elapsed;

app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Consortium.Portal.Startup")
    .LogInformation("Listening {Total} ms after start: host built at {HostBuilt} ms, database checked by {Migrated} ms, seeding done by {Seeded} ms, endpoints mapped by {Mapped} ms; {Jitted} methods compiled by the JIT in {JitTime} ms",
        (long)startClock.Elapsed.TotalMilliseconds, (long)hostBuilt.TotalMilliseconds, (long)migrated.TotalMilliseconds, (long)seeded.TotalMilliseconds,
        (long)mapped.TotalMilliseconds, System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds));

// Taken before the run: RunAsync disposes the services when the host stops, and asking them afterwards turned every
// graceful stop (SIGTERM, a deploy) into an unhandled ObjectDisposedException.
var startupSeeding = app.Services.GetRequiredService<StartupSeeding>();
var jobsStartup = app.Services.GetRequiredService<Consortium.Portal.Platform.Jobs.JobsStartup>();
await app.RunAsync();
return startupSeeding.Completion.IsFaulted || jobsStartup.Completion.IsFaulted ? 1 : 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
