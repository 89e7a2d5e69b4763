using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consortium.Portal.Bench.Notifications;
using Consortium.Portal.Notifications;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// Usage: Consortium.Portal.Bench.Notifications --portal <path/Consortium.Portal.Web.dll> [--users 1000] [--rates 100] [--out results.md]
//        (the defaults are issue 16's line: one notification to each of 1,000 recipients at 100 requests/s)
//        [--postgres <connection string of a database to create>]   (SQLite in the data folder without it)
var options = Args.Parse(args);
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var dataFolder = Directory.CreateTempSubdirectory("portal-bench-").FullName;
var settings = new Dictionary<string, string?>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["DOTNET_ENVIRONMENT"] = "Production",
    ["Database:Provider"] = "Sqlite",
    ["Portal:DataFolder"] = dataFolder,
    ["Portal:SeedDemoData"] = "false",
    // A thousand sign-ins from one loopback address are the benchmark, not password guessing.
    ["Identity:SignInRateLimit"] = "1000000",
    ["Logging:LogLevel:Default"] = "Warning",
};
if (options.PostgreSql is { } postgreSql)
{
    // The portal's migrations create the database; the outbox and inbox then take PostgreSQL's row locks, not SQLite's one writer.
    settings["Database:Provider"] = "PostgreSql";
    settings["ConnectionStrings:Portal"] = postgreSql;
}

Log($"data folder {dataFolder}; {options.Users} users; {Environment.ProcessorCount} cores");
await PortalUnderTest.MigrateAsync(options.Portal, settings);
await BenchUsers.SeedAsync(settings, dataFolder, options.Users);
Log("users created");
await using var portal = await PortalUnderTest.StartAsync(options.Portal, settings);
var memoryStarted = portal.Memory();
Log($"portal {portal.ProcessId} live at {portal.BaseAddress}; {memoryStarted.ResidentMiB:F0} MiB");

using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 }) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
var announcer = await SignInAsync(BenchUsers.AnnouncerEmail);
var signIns = Stopwatch.StartNew();
var staff = await ForEachAsync(Enumerable.Range(1, options.Users), 4, i => SignInAsync(BenchUsers.EmailOf(i)));
Log($"{staff.Count} users signed in in {signIns.Elapsed.TotalSeconds:F0} s");
// Announcements are e-mailed at once by default; the benchmark measures the push, so its users keep them in the portal.
await ForEachAsync(staff, 16, async s =>
{
    using var request = Request(HttpMethod.Put, NotificationsPaths.Api + "/preferences", s.Cookie,
        new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["notifications.announcement"] = NotificationDelivery.InApp }));
    (await http.SendAsync(request)).EnsureSuccessStatusCode();
    return true;
});

// Per receipt: the whole delivery (sent to received) and its last part, the push (written to the inbox to received).
var receipts = new ConcurrentDictionary<(Guid User, string Subject), (double Total, double Push)>();
var connecting = Stopwatch.StartNew();
var connections = await ForEachAsync(staff, 50, async s =>
{
    var connection = new HubConnectionBuilder()
        .WithUrl(new Uri(portal.BaseAddress, NotificationsPaths.Hub.TrimStart('/')), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Cookie"] = s.Cookie;
        })
        .Build();
    connection.On<NotificationPushDto>(NotificationsHubProtocol.Notification, push =>
    {
        var now = DateTime.UtcNow;
        receipts.TryAdd((s.UserId, push.Notification.Title),
            ((now - push.Notification.RequestedAtUtc).TotalMilliseconds, (now - push.Notification.CreatedAtUtc).TotalMilliseconds));
    });
    await connection.StartAsync();
    return connection;
});
var memoryConnected = portal.Memory();
Log($"{connections.Count} hub connections in {connecting.Elapsed.TotalSeconds:F0} s; {memoryConnected.ResidentMiB:F0} MiB");

// The baseline: the round trip of a bare hub call on the same connections, in the same run.
var pings = await ForEachAsync(connections, 50, async c =>
{
    var watch = Stopwatch.StartNew();
    await c.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, DateTime.UtcNow.Ticks);
    return watch.Elapsed.TotalMilliseconds;
});

// One notification to each recipient, sent at a steady rate (each request commits one announcement); once per rate asked.
var eachRuns = new List<(double Rate, List<(double Total, double Push)> Receipts, double Seconds)>();
foreach (var rate in options.Rates)
{
    var eachStarted = Stopwatch.StartNew();
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var sends = new List<Task>();
    for (var i = 0; i < staff.Count; i++)
    {
        var due = interval * i;
        if (due > eachStarted.Elapsed)
        {
            await Task.Delay(due - eachStarted.Elapsed);
        }
        sends.Add(AnnounceAsync($"Each {i + 1} at {rate}/s", [staff[i].UserId]));
    }
    await Task.WhenAll(sends);
    var received = await WaitForAsync(staff.Select((s, i) => (s.UserId, $"Each {i + 1} at {rate}/s")).ToList());
    eachRuns.Add((rate, received, eachStarted.Elapsed.TotalSeconds));
    Log($"to each at {rate}/s: {received.Count} received in {eachStarted.Elapsed.TotalSeconds:F1} s");
}
var memoryAfterEach = portal.Memory();

// One notification to everyone at once.
var allStarted = Stopwatch.StartNew();
await AnnounceAsync("Everyone", staff.Select(s => s.UserId).ToList());
var all = await WaitForAsync(staff.Select(s => (s.UserId, "Everyone")).ToList());
var memoryAfterAll = portal.Memory();
Log($"to all: {all.Count} received in {allStarted.Elapsed.TotalSeconds:F1} s");

await ForEachAsync(connections, 50, async c =>
{
    await c.DisposeAsync();
    return true;
});

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

async Task<SignedIn> SignInAsync(string email)
{
    using var response = await http.PostAsJsonAsync("/api/account/sign-in", new { email, password = BenchUsers.Password }, json);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
    var body = await response.Content.ReadFromJsonAsync<JsonElement>(json);
    // The session cookie is Secure; a plain-http loopback client sends it itself.
    var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    return new SignedIn(body.GetProperty("userId").GetGuid(), cookie);
}

async Task AnnounceAsync(string subject, IReadOnlyList<Guid> recipients)
{
    using var request = Request(HttpMethod.Post, NotificationsPaths.Api + "/announcements", announcer.Cookie,
        new AnnouncementInput(subject, "Load benchmark", recipients, null));
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Announcement '{subject}' was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

HttpRequestMessage Request(HttpMethod method, string path, string cookie, object body)
{
    var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: json) };
    request.Headers.Add("Cookie", cookie);
    return request;
}

async Task<List<(double Total, double Push)>> WaitForAsync(IReadOnlyList<(Guid User, string Subject)> expected)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    var titles = expected.Select(e => (e.User, Title: $"Announcement from Bench partner lead: {e.Subject}")).ToList();
    while (titles.Any(t => !receipts.ContainsKey(t)) && DateTime.UtcNow < deadline)
    {
        await Task.Delay(50);
    }
    var missing = titles.Count(t => !receipts.ContainsKey(t));
    if (missing > 0)
    {
        throw new TimeoutException($"{missing} of {titles.Count} notifications did not arrive within 2 minutes.");
    }
    return titles.Select(t => receipts[t]).ToList();
}

string Report()
{
    static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
    var ping = Percentiles(pings);
    var allP = Percentiles(all.Select(r => r.Total).ToList());
    var allPush = Percentiles(all.Select(r => r.Push).ToList());
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"| measure | p50 ms | p99 ms | max ms | p99 / ping p99 |");
    text.AppendLine("|---|---|---|---|---|");
    text.AppendLine(CultureInfo.InvariantCulture, $"| ping round trip (baseline), {pings.Count} connections | {Ms(ping.P50)} | {Ms(ping.P99)} | {Ms(ping.Max)} | 1.0 |");
    foreach (var (rate, receipts, seconds) in eachRuns)
    {
        var total = Percentiles(receipts.Select(r => r.Total).ToList());
        var pushed = Percentiles(receipts.Select(r => r.Push).ToList());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| one notification to each of {receipts.Count} recipients, sent at {rate}/s (all received {seconds:F1} s after the first was sent) | {Ms(total.P50)} | {Ms(total.P99)} | {Ms(total.Max)} | {total.P99 / ping.P99:F1} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| of which the push (inbox row written to received) | {Ms(pushed.P50)} | {Ms(pushed.P99)} | {Ms(pushed.Max)} | {pushed.P99 / ping.P99:F1} |");
    }
    text.AppendLine(CultureInfo.InvariantCulture,
        $"| one notification to all {all.Count} | {Ms(allP.P50)} | {Ms(allP.P99)} | {Ms(allP.Max)} | {allP.P99 / ping.P99:F1} |");
    text.AppendLine(CultureInfo.InvariantCulture,
        $"| of which the push | {Ms(allPush.P50)} | {Ms(allPush.P99)} | {Ms(allPush.Max)} | {allPush.P99 / ping.P99:F1} |");
    text.AppendLine();
    text.AppendLine("| server memory (MiB) | VmRSS | VmHWM (peak so far) |");
    text.AppendLine("|---|---|---|");
    foreach (var (label, memory) in new[] { ("started", memoryStarted), ($"{connections.Count} connected", memoryConnected), ("after to-each", memoryAfterEach), ("after to-all", memoryAfterAll) })
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {memory.ResidentMiB:F0} | {memory.PeakMiB:F0} |");
    }
    return text.ToString();
}

static (double P50, double P99, double Max) Percentiles(IReadOnlyCollection<double> values)
{
    var sorted = values.Order().ToArray();
    double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    return (At(0.50), At(0.99), sorted[^1]);
}

static async Task<List<TResult>> ForEachAsync<T, TResult>(IEnumerable<T> items, int parallelism, Func<T, Task<TResult>> work)
{
    var list = items.ToList();
    var results = new TResult[list.Count];
    await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
        async (i, _) => results[i] = await work(list[i]));
    return results.ToList();
}

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

internal sealed record SignedIn(Guid UserId, string Cookie);

internal sealed record Args(string Portal, int Users, IReadOnlyList<double> Rates, string? Out, string? PostgreSql)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var portal = Value("--portal") ?? throw new ArgumentException("--portal <path to Consortium.Portal.Web.dll> is required.");
        return new Args(
            Path.GetFullPath(portal),
            int.Parse(Value("--users") ?? "1000", CultureInfo.InvariantCulture),
            (Value("--rates") ?? "100").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList(),
            Value("--out"),
            Value("--postgres"));
    }
}
