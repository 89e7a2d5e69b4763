using System.Net;
using System.Reflection;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Matrix;

/// <summary>One host per database and the scene seeded in it once, shared by every caller's case of the matrix.</summary>
public abstract class MatrixPortal<TDatabase> : IAsyncLifetime where TDatabase : PortalAppFactory, new()
{
    private MatrixScene? _scene;

    public TDatabase Portal { get; } = new();

    public MatrixScene Scene => _scene ?? throw new InvalidOperationException("The matrix portal is not initialised.");

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        _scene = await MatrixScene.SeedAsync(Portal);
    }

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncLifetime)Portal).DisposeAsync();
}

public sealed class MatrixSqlitePortal : MatrixPortal<SqlitePortal>;

public sealed class MatrixPostgreSqlPortal : MatrixPortal<PostgreSqlPortal>;

/// <summary>
/// The authorization matrix: every /api endpoint and every public method of every hub the host maps, against every
/// caller. The endpoints are read from the running application's route table, so an endpoint that no module's
/// <see cref="IEndpointMatrixRows"/> declares fails <c>Every_api_endpoint_and_hub_method_has_exactly_one_row</c>, by name.
/// </summary>
public abstract class EndpointMatrixTests<TPortal, TDatabase>(TPortal fixture) : IClassFixture<TPortal>
    where TPortal : MatrixPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    /// <summary>Every module's rows, found by reflection on this assembly.</summary>
    public static IReadOnlyList<MatrixRow> AllRows { get; } = typeof(IEndpointMatrixRows).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointMatrixRows).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .SelectMany(t => ((IEndpointMatrixRows)Activator.CreateInstance(t)!).Rows())
        .ToList();

    public static TheoryData<Caller> CallerCases => new(Expect.Callers);

    [Theory]
    [MemberData(nameof(CallerCases))]
    public async Task Each_endpoint_answers_the_caller_as_its_row_says(Caller caller)
    {
        var mismatches = new List<string>();
        foreach (var row in AllRows)
        {
            var expected = row.Expected[caller];
            var actual = row.IsHub ? await InvokeAsync(row, caller) : await SendAsync(row, caller);
            if (actual.Status is not { } status || !expected.Matches(status))
            {
                mismatches.Add($"{row.Key}: expected {expected}, got {actual.Description}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{caller}, {mismatches.Count} of {AllRows.Count} rows:\n" + string.Join("\n", mismatches));
    }

    /// <summary>
    /// Cross-site request forgery: every state-changing endpoint, called with the cookie of a caller it allows but from
    /// another site (said by <c>Origin</c> for half the rows, by <c>Sec-Fetch-Site</c> for the other half), is refused with
    /// 403 before it runs, and nothing is changed in the caller's name (no audit line).
    /// </summary>
    [Fact]
    public async Task Each_state_changing_endpoint_refuses_a_cross_site_call_with_the_callers_cookie_and_changes_nothing()
    {
        var unsafeRows = AllRows.Where(r => !r.IsHub && r.Method is not ("GET" or "HEAD" or "*")).ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < unsafeRows.Count; i++)
        {
            var row = unsafeRows[i];
            var caller = Expect.Callers.FirstOrDefault(c => c != Caller.Anonymous && row.Expected[c].IsAllowed, Caller.Administrator);
            var (client, person) = await SessionAsync(row, caller);
            using var request = await row.Request!(new MatrixCall(fixture.Scene, caller, person));
            if (i % 2 == 0)
            {
                request.Headers.Add("Origin", "http://evil.example");
            }
            else
            {
                request.Headers.Add("Sec-Fetch-Site", "cross-site");
            }
            var actor = person?.Id ?? fixture.Scene.Person(caller).Id;
            var writesBefore = await AuditLinesOfAsync(actor);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var writesAfter = await AuditLinesOfAsync(actor);
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("Request.CrossOrigin", StringComparison.Ordinal))
            {
                mismatches.Add($"{row.Key} as {caller}: expected 403 Request.CrossOrigin, got {(int)response.StatusCode} {body}");
            }
            if (writesAfter != writesBefore)
            {
                mismatches.Add($"{row.Key} as {caller}: changed {writesAfter - writesBefore} entities (audit lines in the caller's name)");
            }
        }

        Assert.NotEmpty(unsafeRows);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {unsafeRows.Count} state-changing rows:\n" + string.Join("\n", mismatches));
    }

    /// <summary>Every entity a request changes writes an audit line in its user's name (PortalSaveChangesInterceptor).</summary>
    private async Task<int> AuditLinesOfAsync(Guid userId)
    {
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<global::Consortium.Portal.Platform.PlatformDbContext>();
        return await db.AuditLog.CountAsync(e => e.UserId == userId);
    }

    [Fact]
    public void Every_api_endpoint_and_hub_method_has_exactly_one_row()
    {
        var mapped = MappedKeys();
        var declared = AllRows.Select(r => r.Key).ToList();

        var twice = declared.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = mapped.Except(declared).Order().ToList();
        var stale = declared.Except(mapped).Order().ToList();

        Assert.NotEmpty(mapped);
        Assert.True(twice.Count == 0, "Rows declared twice:\n" + string.Join("\n", twice));
        Assert.True(missing.Count == 0, "Endpoints without a row (add one to the module's Matrix/Rows file):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows without an endpoint:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Every_row_states_what_each_caller_gets()
    {
        var incomplete = AllRows.Where(r => Expect.Callers.Any(c => !r.Expected.ContainsKey(c))).Select(r => r.Key).ToList();

        Assert.Empty(incomplete);
    }

    [Fact]
    public void Every_api_endpoint_states_who_may_call_it()
    {
        var unstated = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Empty(unstated);
    }

    private IEnumerable<RouteEndpoint> RouteEndpoints()
    {
        _ = fixture.Scene; // the host runs
        return fixture.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints()
        => RouteEndpoints().Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api", StringComparison.Ordinal));

    /// <summary>"METHOD pattern" of every /api endpoint ("*" for one answering any method), and "INVOKE pattern method" of every hub method.</summary>
    private List<string> MappedKeys()
    {
        var http = ApiEndpoints().SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } methods
            ? methods.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}")
            : [$"* {e.RoutePattern.RawText}"]);
        // A hub is mapped as its address and its negotiate address: the shorter one is the hub's. Only the portal's own
        // hubs: Blazor's circuit hub (/_blazor) speaks the framework's protocol, and its pages are authorized as pages.
        var hubs = RouteEndpoints()
            .Where(e => e.Metadata.GetMetadata<HubMetadata>()?.HubType.Namespace?.StartsWith("Consortium.Portal", StringComparison.Ordinal) == true)
            .GroupBy(e => e.Metadata.GetMetadata<HubMetadata>()!.HubType)
            .SelectMany(g => HubMethodNames(g.Key).Select(m => $"{MatrixRow.Invoke} {g.Select(e => e.RoutePattern.RawText!).MinBy(p => p.Length)} {m}"));
        return http.Concat(hubs).Distinct().ToList();
    }

    /// <summary>The methods a client may invoke: public instance methods the hub declares, by their hub method name.</summary>
    private static IEnumerable<string> HubMethodNames(Type hub)
        => hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(Hub) && m.DeclaringType != typeof(object)
                        && m.GetBaseDefinition().DeclaringType != typeof(Hub) && m.Name != nameof(IDisposable.Dispose))
            .Select(m => m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? m.Name);

    private sealed record Answer(HttpStatusCode? Status, string Description);

    private async Task<Answer> SendAsync(MatrixRow row, Caller caller)
    {
        var (client, person) = await SessionAsync(row, caller);
        using var request = await row.Request!(new MatrixCall(fixture.Scene, caller, person));
        // As the portal's own pages send it: the browser names the origin (the cross-site test above sends another).
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(request);
        var body = response.IsSuccessStatusCode ? "" : " " + await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, $"{(int)response.StatusCode}{body}");
    }

    private async Task<(HttpClient Client, MatrixPerson? Person)> SessionAsync(MatrixRow row, Caller caller)
    {
        if (row.Session == MatrixSession.Shared)
        {
            return (fixture.Scene.ClientOf(caller), caller == Caller.Anonymous ? null : fixture.Scene.Person(caller));
        }
        // Anonymous still gets a person to act as (signing in needs an account), but calls without a session.
        var role = Expect.PortalRoleOf(caller) ?? global::Consortium.Portal.Platform.Security.PortalRoles.Member;
        var person = await MatrixScene.NewPersonAsync(fixture.Portal, role, caller == Caller.Anonymous ? null : fixture.Scene.Person(caller).PartnerId);
        return (caller == Caller.Anonymous ? fixture.Portal.CreatePortalClient() : person.Client, person);
    }

    /// <summary>Connects as the caller and invokes the hub method: a refused connection answers its HTTP status, a refused call 403.</summary>
    private async Task<Answer> InvokeAsync(MatrixRow row, Caller caller)
    {
        await using var connection = fixture.Scene.HubConnection(caller, row.Pattern);
        try
        {
            await connection.StartAsync();
        }
        catch (HttpRequestException refused) when (refused.StatusCode is { } status)
        {
            return new Answer(status, $"{(int)status} on connecting");
        }
        var arguments = await row.HubArguments!(new MatrixCall(fixture.Scene, caller, caller == Caller.Anonymous ? null : fixture.Scene.Person(caller)));
        try
        {
            await connection.InvokeCoreAsync(row.HubMethod!, typeof(object), arguments);
            return new Answer(HttpStatusCode.OK, "200 (invoked)");
        }
        catch (HubException refused)
        {
            return new Answer(HttpStatusCode.Forbidden, $"403 (the hub refused: {refused.Message})");
        }
    }
}

public sealed class EndpointMatrixTests_Sqlite(MatrixSqlitePortal fixture) : EndpointMatrixTests<MatrixSqlitePortal, SqlitePortal>(fixture);

public sealed class EndpointMatrixTests_PostgreSql(MatrixPostgreSqlPortal fixture) : EndpointMatrixTests<MatrixPostgreSqlPortal, PostgreSqlPortal>(fixture);
