using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;
using Consortium.Portal.Web.Components;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

var modules = builder.AddPortalModules<PortalWebModule>();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();

var app = builder.Build();

// `migrate`: the operators' command; brings the schema up to date, seeds what every installation needs, and exits.
var migrateOnly = args.Contains("migrate", StringComparer.Ordinal);
await PortalDatabase.MigrateAsync(app.Services);
await app.Services.SeedPortalModulesAsync(includeDemoData: !migrateOnly && app.Configuration.GetValue<bool>("Portal:SeedDemoData"));
if (migrateOnly)
{
    return;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapPortalModules();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddAdditionalAssemblies(modules.PageAssemblies.Where(a => a != typeof(Program).Assembly).ToArray());

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
