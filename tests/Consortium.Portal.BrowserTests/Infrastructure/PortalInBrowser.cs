using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One running portal and one headless Chromium for the whole collection; every test gets a fresh browser context
/// (its own cookies), so tests do not see each other's sign-ins.
/// </summary>
public class PortalInBrowser : IAsyncLifetime
{
    public const string ChromiumVariable = "PORTAL_TEST_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    // This combination runs Debian's Chromium as root in a container without a GPU, and keeps it off the network.
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private PortalProcess? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalProcess Portal => _portal ?? throw new InvalidOperationException("The portal has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable);
        chromium = string.IsNullOrWhiteSpace(chromium) ? DefaultChromium : chromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium} ({ChromiumVariable}). Run build/test.sh, which installs Debian's chromium " +
                "package, or set the variable to a Chromium executable. Playwright's own browser download does not work here.");
        }

        try
        {
            _portal = await PortalProcess.StartAsync(await PrepareSettingsAsync());
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArguments,
            });
        }
        catch
        {
            // A portal left running would hold its port and data folder after the test run.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="journey"/> on a new page in a fresh context. When it fails, a screenshot of the page is
    /// saved beside the test assembly (browser-failures/, named after the test's class and method) and the page's
    /// address and the portal's output are added to the failure.
    /// </summary>
    /// <param name="testClass">The test itself (<c>this</c>): one journey runs in several classes (SQLite, PostgreSQL),
    /// and a screenshot named after the method alone would be overwritten by the other class's.</param>
    public Task RunAsync(object testClass, ITestOutputHelper output, Func<IPage, Task> journey, [CallerMemberName] string test = "")
        => RunAsync(testClass, output, null, journey, test);

    /// <param name="options">The first page's context, when it is not the default one (a phone's viewport, say).</param>
    public async Task RunAsync(object testClass, ITestOutputHelper output, BrowserNewContextOptions? options, Func<IPage, Task> journey,
        [CallerMemberName] string test = "")
    {
        var audit = new AccessibilityAudit();
        CurrentAudit.Value = audit;
        await using var context = await NewContextAsync(options);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        try
        {
            await journey(page);
            await audit.FinishAsync();
            foreach (var note in audit.Notes)
            {
                output.WriteLine("axe (not failing): " + note);
            }
            output.WriteLine($"axe ran {audit.Checks} times, {audit.Spent.TotalSeconds:0} s in all.");
        }
        catch (Exception failure)
        {
            var screenshot = await SaveScreenshotAsync(page, $"{testClass.GetType().Name}.{test}");
            output.WriteLine($"Page: {page.Url}; screenshot: {screenshot}");
            throw new XunitException(
                $"{failure.GetType().Name}: {failure.Message}{Environment.NewLine}" +
                $"Page: {page.Url}{Environment.NewLine}Screenshot: {screenshot}{Environment.NewLine}" +
                $"Browser console:{Environment.NewLine}{string.Join(Environment.NewLine, console.TakeLast(20))}" +
                Portal.Describe(40),
                failure);
        }
    }

    private static readonly AsyncLocal<AccessibilityAudit?> CurrentAudit = new();

    /// <summary>
    /// A fresh browser context on the portal (its own cookies: a second person), English (GB) in Belgrade's time zone
    /// unless <paramref name="options"/> says otherwise; inside <see cref="RunAsync"/> its pages are audited with the test's.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= Portal.BaseAddress.ToString();
        options.Locale ??= "en-GB";
        options.TimezoneId ??= "Europe/Belgrade";
        var context = await Browser.NewContextAsync(options);
        // Generous: the suite runs beside builds on a two-core machine, where a page that loads in a second alone took
        // more than 20 s (load average 30). Waits end as soon as the state is there, so this costs only a broken run.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        // Assertions wait as long as actions: on a busy two-core machine the outbox and the circuit take seconds, not 5.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(60_000);
        CurrentAudit.Value?.Watch(context);
        return context;
    }

    private static async Task<string> SaveScreenshotAsync(IPage page, string test)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "browser-failures", $"{test}.png");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            return path;
        }
        catch (PlaywrightException e)
        {
            return $"(none: {e.Message})";
        }
    }

    /// <summary>The portal's configuration on top of its defaults (SQLite and file-system blobs in a fresh data folder).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> PrepareSettingsAsync()
        => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Removes what <see cref="PrepareSettingsAsync"/> made, once the portal has stopped.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
            _portal = null;
        }
        await CleanUpAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalInBrowserCollection : ICollectionFixture<PortalInBrowser>
{
    public const string Name = "Portal in a browser";
}
