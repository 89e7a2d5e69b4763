using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.ProductionTests.Infrastructure;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Consortium.Portal.ProductionTests;

/// <summary>
/// Issue 10, "the production shape, tested": the published portal as the README tells an operator to run it, two
/// instances behind a reverse proxy with sticky sessions (<see cref="ProductionSite"/>). Every test starts from both
/// instances and every server up, whatever the test before it stopped.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed partial class ProductionShapeTests(ProductionSite site)
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_user_signs_in_uploads_and_downloads_through_the_proxy_and_every_answer_carries_the_security_headers()
    {
        await site.EnsureWholeAsync();
        var answers = new AnswerLog();
        using var client = site.NewClient(outer: answers);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
        await site.SignInAdministratorAsync(client);
        var workspace = await CreateWorkspaceAsync(client);
        var content = Encoding.UTF8.GetBytes("Minutes of the Forum, Prishtina\nAgreed: the joint paper goes to review.\n");
        var uploaded = await UploadAsync(client, workspace, "forum-minutes.txt", content);
        var listed = await DocumentNamesAsync(client, workspace);
        var downloaded = await client.GetByteArrayAsync($"/api/documents/{uploaded}/versions/1/content");
        await client.PostAsync("/api/account/sign-out", null);

        Assert.Contains("forum-minutes.txt", listed);
        Assert.Equal(content, downloaded);
        Assert.NotEmpty(answers.All);
        Assert.All(answers.All, answer => SecurityHeaders.Check(answer));
    }

    [Fact]
    public async Task Static_assets_are_served_fingerprinted_compressed_and_cached_for_a_year()
    {
        await site.EnsureWholeAsync();
        using var client = site.NewClient();
        var page = await client.GetStringAsync("/account/sign-in");

        // The SDK (10.0.401) publishes a package's assets (MudBlazor's) compressed under their plain address only, not under
        // the fingerprinted one the page links: those are checked for the fingerprint and the year's caching alone.
        foreach (var (pattern, compressed) in new[] { (FrameworkScript(), true), (PortalStyles(), true), (MudBlazorStyles(), false), (MudBlazorScript(), false) })
        {
            var asset = pattern.Match(page);
            Assert.True(asset.Success, $"the page links no fingerprinted {pattern}:\n{page[..Math.Min(page.Length, 2000)]}");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset.Value);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var answer = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.True(!compressed || answer.Content.Headers.ContentEncoding.Any(e => e is "br" or "gzip"),
                $"{asset.Value} was not compressed; the answer's headers:\n{answer.Headers}{answer.Content.Headers}");
            Assert.Contains("immutable", answer.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromDays(365), answer.Headers.CacheControl?.MaxAge);
            Assert.NotNull(answer.Headers.ETag);
            SecurityHeaders.Check(answer);
        }
    }

    [Fact]
    public async Task The_calendar_s_Radzen_files_are_published_and_Radzen_s_unused_themes_and_fonts_are_not()
    {
        await site.EnsureWholeAsync();
        using var client = site.NewClient();

        // What the meetings calendar loads: the script (App.razor), the stylesheet (MeetingCalendarPage) and every font
        // that stylesheet names. The web project publishes these alone of Radzen's files (LeaveOutUnusedRadzenAssets).
        var stylesheet = await client.GetStringAsync("/_content/Radzen.Blazor/css/material-base.css");
        var fonts = RadzenFontUrl().Matches(stylesheet).Select(url => "/_content/Radzen.Blazor/" + url.Groups["font"].Value).Distinct().ToList();
        Assert.NotEmpty(fonts);
        foreach (var used in fonts.Append("/_content/Radzen.Blazor/Radzen.Blazor.min.js"))
        {
            using var answer = await client.GetAsync(used);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{used}: {(int)answer.StatusCode}");
        }

        foreach (var unused in new[] { "css/standard.css", "css/material.css", "css/dark-base.css", "fonts/InterVariable.woff2", "Radzen.Blazor.js" })
        {
            using var answer = await client.GetAsync("/_content/Radzen.Blazor/" + unused);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{unused}: {(int)answer.StatusCode}");
        }
    }

    [Fact]
    public async Task The_pages_script_is_published_and_blazor_server_js_and_MudBlazor_s_source_map_are_not()
    {
        await site.EnsureWholeAsync();
        using var client = site.NewClient();

        // What every page loads (App.razor), and MudBlazor's script, whose map is left out (LeaveOutUnloadedScripts).
        foreach (var loaded in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js" })
        {
            using var answer = await client.GetAsync(loaded);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{loaded}: {(int)answer.StatusCode}");
        }
        foreach (var notLoaded in new[] { "/_framework/blazor.server.js", "/_content/MudBlazor/MudBlazor.min.js.map" })
        {
            using var answer = await client.GetAsync(notLoaded);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{notLoaded}: {(int)answer.StatusCode}");
        }
    }

    [Fact]
    public async Task A_notification_raised_on_one_instance_reaches_a_hub_client_connected_to_the_other()
    {
        await site.EnsureWholeAsync();
        var listener = await site.ClientOnAsync("one");
        var sender = await site.ClientOnAsync("two");
        await site.SignInAdministratorAsync(listener.Http);
        await site.SignInAdministratorAsync(sender.Http);
        var me = (await listener.Http.GetFromJsonAsync<JsonElement>("/api/account/me")).GetProperty("userId").GetGuid();
        var pushes = new List<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(site.Address, "hubs/notifications"), options =>
            {
                // A WebSocket through the proxy, as a browser's; the client's handler knows the public host name's address.
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => site.NewHandler(listener.Cookies);
                options.Headers["Origin"] = site.Origin;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new System.Net.WebSockets.ClientWebSocket();
                    socket.Options.SetRequestHeader("Origin", site.Origin);
                    await socket.ConnectAsync(context.Uri, new HttpMessageInvoker(site.NewHandler(listener.Cookies)), cancellationToken);
                    return socket;
                };
            })
            .Build();
        hub.On<JsonElement>("notification", push => { lock (pushes) { pushes.Add(push); } });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Ping", 0L);

        var subject = "Across instances " + Guid.NewGuid().ToString("N")[..6];
        var sent = await sender.Http.PostAsJsonAsync("/api/notifications/announcements", new { subject, message = "The Forum meets on Thursday.", recipientIds = new[] { me } });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await Eventually.TrueAsync(() => { lock (pushes) { return pushes.Count > 0; } }, "the push on the other instance's hub client");
        var inbox = await listener.Http.GetStringAsync("/api/notifications");
        Assert.Equal(1, Regex.Count(inbox, Regex.Escape(subject)));
        lock (pushes)
        {
            Assert.Single(pushes);
        }
    }

    [Fact]
    public async Task Both_instances_run_the_job_servers_and_a_recurring_job_runs_once_each_minute()
    {
        await site.EnsureWholeAsync();
        await using var connection = new NpgsqlConnection(site.Postgres.ConnectionString("portal"));
        await connection.OpenAsync();

        var servers = await ScalarAsync<long>(connection, "SELECT count(*) FROM hangfire.server");
        // The workflow timers run every minute: wait for a minute with a run, then no minute may have two.
        var minutes = await Eventually.GetAsync(async () => await RunsPerMinuteAsync(connection), runs => runs.Count > 0,
            "a run of the workflow timers job", TimeSpan.FromSeconds(150), runs => string.Join(", ", runs));

        Assert.Equal(2, servers);
        Assert.All(minutes, runs => Assert.Equal(1, runs.Value));
    }

    [Fact]
    public async Task A_delayed_job_scheduled_on_one_instance_runs_once_across_both()
    {
        await site.EnsureWholeAsync();
        var user = await site.ClientOnAsync("two");
        await site.SignInAdministratorAsync(user.Http);
        var me = (await user.Http.GetFromJsonAsync<JsonElement>("/api/account/me")).GetProperty("userId").GetGuid();
        await using var connection = new NpgsqlConnection(site.Postgres.ConnectionString("portal"));
        await connection.OpenAsync();

        // An announcement is e-mailed at once by default; the site's SMTP port refuses, so the first attempt fails and
        // schedules the next as a delayed Hangfire job (a second later, then two), which either instance's server may run.
        var subject = "Delayed " + Guid.NewGuid().ToString("N")[..6];
        var sent = await user.Http.PostAsJsonAsync("/api/notifications/announcements", new { subject, message = "The Forum meets on Thursday.", recipientIds = new[] { me } });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var notification = await Eventually.GetAsync(async () => await NotificationOfAsync(connection, me, subject), n => n is not null,
            "the announcement in the inbox");
        var (attempts, state) = await Eventually.GetAsync(async () => await EmailOutcomeAsync(connection, notification!.Value), o => o.State == "Failed",
            "every attempt of the e-mail to have run", TimeSpan.FromSeconds(120), o => $"{o.Attempts} attempts, {o.State}");
        // Each job of this e-mail has finished: the first (enqueued) and the delayed retries.
        var jobs = await Eventually.GetAsync(async () => await EmailJobRunsAsync(connection, notification!.Value),
            runs => runs.Count == ProductionSite.EmailAttempts && runs.All(r => r.State == "Succeeded"),
            "the e-mail's jobs to finish", TimeSpan.FromSeconds(60), runs => string.Join(", ", runs));

        Assert.Equal(ProductionSite.EmailAttempts, attempts);
        Assert.Equal("Failed", state);
        Assert.Equal(ProductionSite.EmailAttempts - 1, jobs.Count(j => j.WasScheduled));
        Assert.All(jobs, job => Assert.Equal(1, job.Runs));
    }

    [Fact]
    public async Task An_instance_killed_during_an_upload_leaves_no_document_and_the_user_retries_on_the_other()
    {
        await site.EnsureWholeAsync();
        var user = await site.ClientOnAsync("one");
        await site.SignInAdministratorAsync(user.Http);
        var workspace = await CreateWorkspaceAsync(user.Http);
        const string name = "survey-answers.txt";
        var body = new CountingTextBody(64L * 1024 * 1024, lineLength: 80);
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        content.Headers.ContentLength = body.Length;

        var upload = user.Http.PostAsync($"/api/workspaces/{workspace}/documents", content);
        await Eventually.TrueAsync(() => body.BytesRead > 8 * 1024 * 1024 || upload.IsCompleted, "the upload to be under way");
        await site.Instance("one").KillAsync();
        var broken = await Record.ExceptionAsync(async () => (await upload).EnsureSuccessStatusCode());

        Assert.NotNull(broken);
        // The same browser goes on, on the other instance: the document is not there, and the upload works.
        var names = await Eventually.GetAsync(() => TryDocumentNamesAsync(user.Http, workspace), n => n is not null, "the list from the other instance");
        Assert.DoesNotContain(name, names!);
        var retried = await Eventually.GetAsync(async () =>
        {
            using var again = new ByteArrayContent(Encoding.UTF8.GetBytes("Answers of 212 respondents\n"));
            again.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            again.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
            return await user.Http.PostAsync($"/api/workspaces/{workspace}/documents", again);
        }, r => r.IsSuccessStatusCode, "the retried upload", describe: r => $"{(int)r.StatusCode}");
        Assert.Equal("two", ProductionSite.InstanceOf(retried));
        Assert.Single(await DocumentNamesAsync(user.Http, workspace), name);
    }

    [Fact]
    public async Task With_Azurite_stopped_an_upload_answers_503_and_saves_nothing_and_works_again_once_it_is_back()
    {
        await site.EnsureWholeAsync();
        using var client = site.NewClient();
        await site.SignInAdministratorAsync(client);
        var workspace = await CreateWorkspaceAsync(client);
        const string name = "budget-2027.txt";

        await site.Azurite.StopAsync();
        HttpResponseMessage refused;
        try
        {
            refused = await PostTextAsync(client, workspace, name, "Budget lines for 2027\n");
            await Eventually.TrueAsync(async () => await AllReadinessAsync() is [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable],
                "both instances to say they are not ready");
        }
        finally
        {
            await site.Azurite.StartAgainAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        SecurityHeaders.Check(refused);
        Assert.DoesNotContain(name, await DocumentNamesAsync(client, workspace));
        await Eventually.TrueAsync(async () => (await PostTextAsync(client, workspace, name, "Budget lines for 2027\n")).IsSuccessStatusCode,
            "an upload after Azurite is back", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await AllReadinessAsync() is [HttpStatusCode.OK, HttpStatusCode.OK], "both instances ready again");
        Assert.Single(await DocumentNamesAsync(client, workspace), name);
    }

    [Fact]
    public async Task With_PostgreSQL_stopped_requests_fail_at_once_with_503_and_the_portal_recovers_by_itself()
    {
        await site.EnsureWholeAsync();
        using var client = site.NewClient();
        await site.SignInAdministratorAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workspaces")).StatusCode);

        await site.Postgres.StopAsync();
        HttpResponseMessage failed;
        TimeSpan answeredIn;
        Stopwatch sinceBack;
        try
        {
            var asked = Stopwatch.StartNew();
            failed = await client.GetAsync("/api/workspaces");
            answeredIn = asked.Elapsed;
            await Eventually.TrueAsync(async () => await AllReadinessAsync() is [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable],
                "both instances to say they are not ready");
        }
        finally
        {
            await site.Postgres.StartAgainAsync();
            sinceBack = Stopwatch.StartNew();
        }
        await Eventually.TrueAsync(async () => (await client.GetAsync("/api/workspaces")).StatusCode == HttpStatusCode.OK,
            "the API to answer again", RecoveryLimit);
        await Eventually.TrueAsync(async () => await AllReadinessAsync() is [HttpStatusCode.OK, HttpStatusCode.OK], "both instances ready again", RecoveryLimit);
        var recoveredIn = sinceBack.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.True(answeredIn < TimeSpan.FromSeconds(10), $"the request took {answeredIn.TotalSeconds:0.0} s to fail");
        Assert.True(recoveredIn <= RecoveryLimit, $"recovered {recoveredIn.TotalSeconds:0.0} s after PostgreSQL was back");
    }

    private async Task<HttpStatusCode[]> AllReadinessAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var answers = new List<HttpStatusCode>();
        foreach (var instance in site.Instances)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(instance.Address, "/health/ready"));
                answers.Add(ready.StatusCode);
            }
            catch (HttpRequestException)
            {
                answers.Add(0);
            }
            catch (TaskCanceledException)
            {
                answers.Add(HttpStatusCode.RequestTimeout);
            }
        }
        return [.. answers];
    }

    private static async Task<Guid> CreateWorkspaceAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/workspaces", new { name = "Forum " + Guid.NewGuid().ToString("N")[..8] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"creating a workspace: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid workspace, string name, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        var uploaded = await client.PostAsync($"/api/workspaces/{workspace}/documents", content);
        Assert.True(uploaded.IsSuccessStatusCode, $"uploading: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("documentId").GetGuid();
    }

    private static async Task<HttpResponseMessage> PostTextAsync(HttpClient client, Guid workspace, string name, string text)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        var answer = await client.PostAsync($"/api/workspaces/{workspace}/documents", content);
        await answer.Content.LoadIntoBufferAsync();
        return answer;
    }

    private static async Task<List<string>> DocumentNamesAsync(HttpClient client, Guid workspace)
        => await TryDocumentNamesAsync(client, workspace) ?? throw new InvalidOperationException("The document list did not answer 200.");

    private static async Task<List<string>?> TryDocumentNamesAsync(HttpClient client, Guid workspace)
    {
        try
        {
            using var answer = await client.GetAsync($"/api/workspaces/{workspace}/documents?all=true");
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            var page = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToList();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<Dictionary<DateTime, long>> RunsPerMinuteAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT date_trunc('minute', createdat), count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%WorkflowTimersJob%' GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new Dictionary<DateTime, long>();
        while (await reader.ReadAsync())
        {
            runs[reader.GetDateTime(0)] = reader.GetInt64(1);
        }
        return runs;
    }

    private static async Task<Guid?> NotificationOfAsync(NpgsqlConnection connection, Guid recipient, string subject)
    {
        await using var command = new NpgsqlCommand(
            "SELECT \"Id\" FROM \"NotificationsInbox\" WHERE \"RecipientId\" = @r AND \"ParametersJson\" LIKE @s", connection);
        command.Parameters.AddWithValue("r", recipient);
        command.Parameters.AddWithValue("s", "%" + subject + "%");
        return await command.ExecuteScalarAsync() as Guid?;
    }

    private static async Task<(int Attempts, string State)> EmailOutcomeAsync(NpgsqlConnection connection, Guid notification)
    {
        await using var command = new NpgsqlCommand("SELECT \"EmailAttempts\", \"EmailState\" FROM \"NotificationsInbox\" WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", notification);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }

    /// <summary>The Hangfire jobs that carry this notification's id: their state, whether they were delayed, and how often a server took them.</summary>
    private static async Task<List<EmailJobRun>> EmailJobRunsAsync(NpgsqlConnection connection, Guid notification)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT j.id, j.statename,
                   count(*) FILTER (WHERE s.name = 'Scheduled'),
                   count(*) FILTER (WHERE s.name = 'Processing')
            FROM hangfire.job j LEFT JOIN hangfire.state s ON s.jobid = j.id
            WHERE j.invocationdata::text LIKE '%NotificationEmailJob%' AND j.arguments::text LIKE @id
            GROUP BY j.id, j.statename
            """, connection);
        command.Parameters.AddWithValue("id", "%" + notification + "%");
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<EmailJobRun>();
        while (await reader.ReadAsync())
        {
            runs.Add(new EmailJobRun(reader.GetInt64(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetInt64(2) > 0, reader.GetInt64(3)));
        }
        return runs;
    }

    private sealed record EmailJobRun(long Id, string State, bool WasScheduled, long Runs);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"_framework/blazor\.web\.[a-z0-9]+\.js")]
    private static partial Regex FrameworkScript();

    [GeneratedRegex(@"(?<=href="")app\.[a-z0-9]+\.css")]
    private static partial Regex PortalStyles();

    [GeneratedRegex(@"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css")]
    private static partial Regex MudBlazorStyles();

    [GeneratedRegex(@"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.js")]
    private static partial Regex MudBlazorScript();

    [GeneratedRegex(@"url\(""\.\./(?<font>fonts/[^""]+)""\)")]
    private static partial Regex RadzenFontUrl();
}
