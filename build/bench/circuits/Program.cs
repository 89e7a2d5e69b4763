using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consortium.Portal.Bench.Notifications;
using Microsoft.Playwright;

// Memory per interactive user: the portal's resident memory with N signed-in users each on the home page in a real
// browser tab (its Blazor circuit and the notification hub connection the page opens), at each N of --levels.
// The baseline, in the same command: a bare Blazor Server app (`dotnet new blazor --interactivity Server --all-interactive
// --empty`, published the same way), its one page open in the same number of tabs, measured the same way. The portal's
// figures are read as ratios to it.
// Usage: Consortium.Portal.Bench.Circuits --portal <path/Consortium.Portal.Web.dll> [--bare <path/bare.dll>] [--levels 25,50,100]
//        [--out results.md] [--chromium /usr/bin/chromium] [--gcdump <path of dotnet-gcdump>] [--dumps <folder to keep each level's .gcdump in>]
var options = Args.Parse(args);
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var dataFolder = Directory.CreateTempSubdirectory("portal-bench-circuits-").FullName;
var users = options.Levels.Max();
var settings = new Dictionary<string, string?>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["DOTNET_ENVIRONMENT"] = "Production",
    ["Database:Provider"] = "Sqlite",
    ["Portal:DataFolder"] = dataFolder,
    ["Portal:SeedDemoData"] = "false",
    ["Identity:SignInRateLimit"] = "1000000",
    ["Logging:LogLevel:Default"] = "Warning",
};
// BENCH_SQLITE_OPTIONS (e.g. "Pooling=False"): added to the portal's SQLite connection string, to compare how much of
// the memory per user is the connections' own (each open SQLite connection has its schema and page cache).
if (Environment.GetEnvironmentVariable("BENCH_SQLITE_OPTIONS") is { Length: > 0 } sqliteOptions)
{
    settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(dataFolder, "portal.db")};{sqliteOptions}";
    Log($"SQLite connection options: {sqliteOptions}");
}

Log($"data folder {dataFolder}; up to {users} users; {Environment.ProcessorCount} cores; load {Load()}");
await PortalUnderTest.MigrateAsync(options.Portal, settings);
await BenchUsers.SeedAsync(settings, dataFolder, users + 1);
var portal = await PortalUnderTest.StartAsync(options.Portal, settings);
Log($"portal {portal.ProcessId} live at {portal.BaseAddress}");

using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
var cookies = new List<IReadOnlyList<Cookie>>();
for (var i = 1; i <= users + 1; i++)
{
    cookies.Add(await SignInAsync(BenchUsers.EmailOf(i)));
}
Log($"{cookies.Count} users signed in");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = options.Chromium,
    Headless = true,
    // Tabs of many users share a few renderer processes: the client's memory is not what is measured, and the
    // machine is small.
    Args = ["--renderer-process-limit=6", "--disable-gpu", "--disable-dev-shm-usage"],
});

var measured = await MeasureLevelsAsync(portal, "portal", i => OpenPageAsync(portal, cookies[i], hubToo: true), cookies.Count - 1);
await portal.DisposeAsync();

// The baseline: a bare Blazor Server app, its page in as many tabs, after the portal (one app at a time on 2 cores).
Measured? bare = null;
if (options.Bare is { } bareApp)
{
    var bareSettings = new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging:LogLevel:Default"] = "Warning",
    };
    var bareServer = await PortalUnderTest.StartAsync(bareApp, bareSettings, probe: "/");
    Log($"bare Blazor app {bareServer.ProcessId} live at {bareServer.BaseAddress}");
    bare = await MeasureLevelsAsync(bareServer, "bare", _ => OpenPageAsync(bareServer, [], hubToo: false), users);
    await bareServer.DisposeAsync();
}

var report = Report();
Console.WriteLine(report);
if (options.Out is { } file)
{
    await File.WriteAllTextAsync(file, report);
}
try
{
    Directory.Delete(dataFolder, recursive: true);
}
catch (IOException)
{
    // A file the portal still held is left to the temp folder's cleanup.
}
return 0;

// Opens tab after tab up to each level (user i's tab from open(i); the last user's is the warm-up) and measures the app.
async Task<Measured> MeasureLevelsAsync(PortalUnderTest app, string name, Func<int, Task<IPage>> open, int warmUpUser)
{
    // The warm-up: one user's tab open through the whole run, so the code every circuit runs is compiled and the
    // app's one-off caches are filled before the baseline.
    var tabs = new List<IPage> { await open(warmUpUser) };
    await Task.Delay(TimeSpan.FromSeconds(5));
    var baseline = await MeasureAsync(app, name, 0, "1 warm-up tab");
    var rows = new List<(int Users, Sample Sample)>();
    foreach (var level in options.Levels.Order())
    {
        var started = Stopwatch.StartNew();
        while (tabs.Count - 1 < level)
        {
            var batch = Enumerable.Range(tabs.Count - 1, Math.Min(5, level - (tabs.Count - 1))).Select(open).ToList();
            tabs.AddRange(await Task.WhenAll(batch));
        }
        Log($"{name}: {level} tabs open in {started.Elapsed.TotalSeconds:F0} s");
        // Settled: the tabs' first renders and the bell's inbox reads are done.
        await Task.Delay(TimeSpan.FromSeconds(10));
        rows.Add((level, await MeasureAsync(app, name, level, $"{level} users")));
    }
    foreach (var tab in tabs)
    {
        await tab.Context.CloseAsync();
    }
    return new Measured(baseline, rows);
}

async Task<IReadOnlyList<Cookie>> SignInAsync(string email)
{
    using var response = await http.PostAsJsonAsync("/api/account/sign-in", new { email, password = BenchUsers.Password }, json);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
    return response.Headers.GetValues("Set-Cookie")
        .Select(c => c.Split(';')[0].Split('=', 2))
        .Select(c => new Cookie { Name = c[0], Value = c[1], Domain = portal.BaseAddress.Host, Path = "/", Secure = true, HttpOnly = true, SameSite = SameSiteAttribute.Lax })
        .ToList();
}

// One user's tab: a browser context of its own (its own cookies), the home page, until the circuit renders it
// (data-interactive="true", which the bare app's page writes too) and, on the portal, the page's notification hub
// connection is open.
async Task<IPage> OpenPageAsync(PortalUnderTest app, IReadOnlyList<Cookie> cookie, bool hubToo)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
    if (cookie.Count > 0)
    {
        await context.AddCookiesAsync(cookie);
    }
    var page = await context.NewPageAsync();
    var hub = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    if (!hubToo)
    {
        hub.TrySetResult();
    }
    page.WebSocket += (_, socket) =>
    {
        if (socket.Url.Contains("/hubs/notifications", StringComparison.Ordinal))
        {
            hub.TrySetResult();
        }
    };
    var console = new List<string>();
    page.Console += (_, message) => console.Add(message.Text);
    // A loaded machine serves the first page load slowly: Playwright's 30 s default failed the warm-up tab at load 58.
    await page.GotoAsync("/", new PageGotoOptions { Timeout = 120_000 });
    try
    {
        await page.WaitForFunctionAsync("() => document.querySelector('[data-interactive=true]')", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await hub.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }
    catch (TimeoutException e)
    {
        throw new TimeoutException($"The home page at {page.Url} did not become interactive with its hub connected; the browser said: {string.Join(" | ", console)}", e);
    }
    return page;
}

async Task<Sample> MeasureAsync(PortalUnderTest app, string name, int users, string label)
{
    var before = app.Memory();
    double? heapAfterGc = null;
    var afterGc = before;
    if (options.GcDump is { } tool)
    {
        // dotnet-gcdump forces a full, compacting collection before it walks the heap: the figures after it are what
        // the circuits keep alive, not garbage waiting for the next collection.
        // Every level's dump is kept with --dumps: `dotnet-gcdump report` of two of them shows what the users added, by type.
        var folder = options.Dumps ?? dataFolder;
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"circuits-{name}-{users}.gcdump");
        File.Delete(target);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "collect", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", target })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        afterGc = app.Memory();
        heapAfterGc = File.Exists(target) ? HeapMiB(tool, target) : null;
    }
    var pid = app.ProcessId;
    var sample = new Sample(before.ResidentMiB, afterGc.ResidentMiB, heapAfterGc, Load(), StatusMiB(pid, "RssAnon"), StatusMiB(pid, "RssShmem"), DatabaseConnections(pid), Threads(pid));
    Log($"{name}, {label}: RSS {sample.ResidentMiB:F1} MiB, after a full GC {sample.ResidentAfterGcMiB:F1} MiB (anonymous {sample.AnonymousMiB:F1}, shared {sample.SharedMiB:F1}), live heap {sample.HeapMiB?.ToString("F1", CultureInfo.InvariantCulture) ?? "-"} MiB; {sample.DatabaseConnections} open connections to portal.db; {sample.Threads} threads; load {sample.Load}");
    return sample;
}

// A field of the portal's /proc status in MiB. RssShmem is mostly the runtime's W^X double mapping of JIT'd code
// (/memfd:doublemapper), RssAnon the GC heap and native allocations.
static double StatusMiB(int pid, string field) => double.Parse(File.ReadAllLines($"/proc/{pid}/status")
    .Single(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

// The portal's threads: each one's stack is anonymous memory, and a thread pool starved by a loaded machine adds threads
// as tabs open, so a slope read under load may include stacks that a quiet run would not have.
static int Threads(int pid) => int.Parse(File.ReadAllLines($"/proc/{pid}/status")
    .Single(l => l.StartsWith("Threads:", StringComparison.Ordinal)).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

// The SQLite connections the portal holds open (in use or pooled): its file descriptors on portal.db itself (each
// connection also has the -wal and -shm files open, not counted twice).
static int DatabaseConnections(int pid)
{
    var count = 0;
    foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
    {
        try
        {
            if (new FileInfo(fd).LinkTarget is { } target && target.EndsWith("/portal.db", StringComparison.Ordinal))
            {
                count++;
            }
        }
        catch (IOException)
        {
            // Closed while listed.
        }
    }
    return count;
}

// The live managed heap the dump saw: the total of `dotnet-gcdump report`, which lists the types by size.
static double? HeapMiB(string tool, string dump)
{
    var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
    start.ArgumentList.Add("report");
    start.ArgumentList.Add(dump);
    using var process = Process.Start(start)!;
    var lines = process.StandardOutput.ReadToEnd().Split('\n');
    process.WaitForExit();
    double total = 0;
    foreach (var line in lines)
    {
        var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2 && long.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            total += bytes;
        }
    }
    return total > 0 ? total / (1024 * 1024) : null;
}

string Report()
{
    var text = new StringBuilder();
    Table(text, "Portal", measured);
    if (bare is { } b)
    {
        text.AppendLine();
        Table(text, "Baseline: a bare Blazor Server app (`dotnet new blazor --interactivity Server --all-interactive --empty`, its one page; no hub of its own)", b);
        if (Slope(measured) is { } p && Slope(b) is { } q)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Portal against the bare app, slopes from {measured.Rows[0].Users} to {measured.Rows[^1].Users} users: RSS after a full GC {Ratio(p.AfterGcKb, q.AfterGcKb)}, live heap {Ratio(p.HeapKb, q.HeapKb)}.");
        }
    }
    return text.ToString();

    static void Table(StringBuilder text, string title, Measured m)
    {
        var baseline = m.Baseline;
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}. Baseline (1 warm-up tab): RSS {baseline.ResidentMiB:F1} MiB, after a full GC {baseline.ResidentAfterGcMiB:F1} MiB, live heap {Mib(baseline.HeapMiB)}, {baseline.DatabaseConnections} SQLite connections open, {baseline.Threads} threads; load {baseline.Load}");
        text.AppendLine();
        text.AppendLine("| users (tabs on the home page) | RSS MiB | per user over the baseline | after a full GC, RSS MiB | per user | of which anonymous, per user | of which shared (code), per user | live heap MiB | per user | SQLite connections open | threads | load average |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (level, s) in m.Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {level} | {s.ResidentMiB:F1} | {Kb(s.ResidentMiB - baseline.ResidentMiB, level)} | {s.ResidentAfterGcMiB:F1} | {Kb(s.ResidentAfterGcMiB - baseline.ResidentAfterGcMiB, level)} | {Kb(s.AnonymousMiB - baseline.AnonymousMiB, level)} | {Kb(s.SharedMiB - baseline.SharedMiB, level)} | {Mib(s.HeapMiB)} | {(s.HeapMiB is { } h && baseline.HeapMiB is { } b ? Kb(h - b, level) : "-")} | {s.DatabaseConnections} | {s.Threads} | {s.Load} |");
        }
        if (Slope(m) is { } slope)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Slope from {m.Rows[0].Users} to {m.Rows[^1].Users} users (the baseline's own noise set aside): RSS {slope.RssKb:F0} KB, after a full GC {slope.AfterGcKb:F0} KB, live heap {(slope.HeapKb is { } hk ? hk.ToString("F0", CultureInfo.InvariantCulture) + " KB" : "-")} per user. Goal (issue 16): 400 KB per user.");
        }
    }

    static (double RssKb, double AfterGcKb, double? HeapKb)? Slope(Measured m)
    {
        if (m.Rows.Count < 2)
        {
            return null;
        }
        var (first, last) = (m.Rows[0], m.Rows[^1]);
        var users = last.Users - first.Users;
        return ((last.Sample.ResidentMiB - first.Sample.ResidentMiB) * 1024 / users,
            (last.Sample.ResidentAfterGcMiB - first.Sample.ResidentAfterGcMiB) * 1024 / users,
            last.Sample.HeapMiB is { } h1 && first.Sample.HeapMiB is { } h0 ? (h1 - h0) * 1024 / users : null);
    }

    static string Ratio(double? portal, double? bare)
        => portal is { } p && bare is { } b && b > 0 ? (p / b).ToString("F1", CultureInfo.InvariantCulture) + "×" : "-";

    static string Kb(double mib, int users) => (mib * 1024 / users).ToString("F0", CultureInfo.InvariantCulture) + " KB";
    static string Mib(double? mib) => mib?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

internal sealed record Measured(Sample Baseline, IReadOnlyList<(int Users, Sample Sample)> Rows);

internal sealed record Sample(double ResidentMiB, double ResidentAfterGcMiB, double? HeapMiB, string Load, double AnonymousMiB, double SharedMiB, int DatabaseConnections, int Threads);

internal sealed record Args(string Portal, string? Bare, IReadOnlyList<int> Levels, string? Out, string Chromium, string? GcDump, string? Dumps)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var portal = Value("--portal") ?? throw new ArgumentException("--portal <path to Consortium.Portal.Web.dll> is required.");
        return new Args(
            Path.GetFullPath(portal),
            Value("--bare") is { } bare ? Path.GetFullPath(bare) : null,
            (Value("--levels") ?? "25,50,100").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList(),
            Value("--out"),
            // An exported but empty PORTAL_TEST_CHROMIUM (build/services.sh writes it so) means "not chosen", not "no path".
            Value("--chromium") ?? (Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") is { Length: > 0 } chosen ? chosen : "/usr/bin/chromium"),
            Value("--gcdump"),
            Value("--dumps"));
    }
}
