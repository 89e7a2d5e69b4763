using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.IntegrationTests.Matrix;

/// <summary>
/// A module's rows of the authorization matrix. Every class implementing it in this assembly is found by reflection, so
/// a module adds a file (Matrix/Rows/FooMatrixRows.cs) and no list of modules is kept anywhere.
/// </summary>
public interface IEndpointMatrixRows
{
    IEnumerable<MatrixRow> Rows();
}

/// <summary>
/// The callers of the matrix: anonymous, each portal role (none of them a member of the scene's workspace), and each
/// workspace role, held directly, through the partner organisation, and by a guest invited directly.
/// </summary>
public enum Caller
{
    Anonymous,
    Administrator,
    Coordinator,
    PartnerLead,
    /// <summary>A partner's member who is not in the workspace.</summary>
    Member,
    /// <summary>A guest who is not invited to the workspace.</summary>
    Guest,
    /// <summary>A partner lead (BFPE) who owns the workspace.</summary>
    Owner,
    Editor,
    /// <summary>A guest invited to the workspace directly.</summary>
    Reviewer,
    Viewer,
    /// <summary>A member of AKTIV, which is an Editor of the workspace.</summary>
    PartnerEditor,
}

/// <summary>What a caller gets: allowed (any 2xx), or refused with exactly <see cref="Status"/>.</summary>
public sealed record Outcome(HttpStatusCode? Status)
{
    public static readonly Outcome Allowed = new((HttpStatusCode?)null);

    public static Outcome Refused(HttpStatusCode status) => new(status);

    public bool IsAllowed => Status is null;

    public bool Matches(HttpStatusCode actual) => Status is { } status ? actual == status : (int)actual is >= 200 and < 300;

    public override string ToString() => Status is { } status ? ((int)status).ToString() : "2xx";
}

/// <summary>
/// How the request of a row is sent. Most rows use the caller's client, signed in once for the whole matrix; a row
/// that changes the session itself (signing in or out, two-factor set-up) gets a throwaway person of the caller's
/// portal role, so the shared sessions stay as they are.
/// </summary>
public enum MatrixSession
{
    Shared,
    Throwaway,
}

/// <summary>What a row's request is built from: the seeded scene, who calls, and the person whose session it is.</summary>
public sealed record MatrixCall(MatrixScene Scene, Caller Caller, MatrixPerson? Person)
{
    public HttpClient Owner => Scene.Person(Caller.Owner).Client;
}

/// <summary>
/// One endpoint (<see cref="Method"/> and <see cref="Pattern"/> as the route table spells them) or one hub method
/// (<see cref="HubMethod"/> on the hub mapped at <see cref="Pattern"/>), how to call it, and what each caller gets.
/// </summary>
public sealed record MatrixRow(
    string Method,
    string Pattern,
    IReadOnlyDictionary<Caller, Outcome> Expected,
    Func<MatrixCall, Task<HttpRequestMessage>>? Request = null,
    MatrixSession Session = MatrixSession.Shared,
    string? HubMethod = null,
    Func<MatrixCall, Task<object?[]>>? HubArguments = null)
{
    /// <summary>The method of a hub row: hub methods are invoked, not requested.</summary>
    public const string Invoke = "INVOKE";

    public bool IsHub => HubMethod is not null;

    /// <summary>How the coverage test names it: "GET /api/x/{id:guid}" or "INVOKE /hubs/x Ping".</summary>
    public string Key => IsHub ? $"{Invoke} {Pattern} {HubMethod}" : $"{Method} {Pattern}";

    public static MatrixRow Http(string method, string pattern, IReadOnlyDictionary<Caller, Outcome> expected,
        Func<MatrixCall, Task<HttpRequestMessage>> request, MatrixSession session = MatrixSession.Shared)
        => new(method, pattern, expected, request, session);

    /// <summary>A row whose request needs nothing set up for it.</summary>
    public static MatrixRow Http(string method, string pattern, IReadOnlyDictionary<Caller, Outcome> expected, Func<MatrixCall, HttpRequestMessage> request)
        => new(method, pattern, expected, call => Task.FromResult(request(call)));

    public static MatrixRow Hub(string pattern, string hubMethod, IReadOnlyDictionary<Caller, Outcome> expected, Func<MatrixCall, Task<object?[]>> arguments)
        => new(Invoke, pattern, expected, HubMethod: hubMethod, HubArguments: arguments);

    public override string ToString() => Key;
}

/// <summary>The expectations rows are made of, so that a module states a rule ("Editor and up") rather than eleven statuses.</summary>
public static class Expect
{
    public static readonly IReadOnlyList<Caller> Callers = Enum.GetValues<Caller>();

    /// <summary>The portal role of each caller, which is what permissions are granted to.</summary>
    public static string? PortalRoleOf(Caller caller) => caller switch
    {
        Caller.Anonymous => null,
        Caller.Administrator => PortalRoles.Administrator,
        Caller.Coordinator => PortalRoles.Coordinator,
        Caller.PartnerLead or Caller.Owner => PortalRoles.PartnerLead,
        Caller.Guest or Caller.Reviewer => PortalRoles.Guest,
        _ => PortalRoles.Member,
    };

    /// <summary>
    /// The role each caller has in the scene's workspace. Managing every workspace (administrators and the coordinator
    /// by default) counts as being its Owner.
    /// </summary>
    public static WorkspaceRole? WorkspaceRoleOf(Caller caller) => caller switch
    {
        Caller.Administrator or Caller.Coordinator or Caller.Owner => WorkspaceRole.Owner,
        Caller.Editor or Caller.PartnerEditor => WorkspaceRole.Editor,
        Caller.Reviewer => WorkspaceRole.Reviewer,
        Caller.Viewer => WorkspaceRole.Viewer,
        _ => null,
    };

    public static WorkspaceRole MinimumRole(WorkspaceAction action) => action switch
    {
        WorkspaceAction.View => WorkspaceRole.Viewer,
        WorkspaceAction.Review => WorkspaceRole.Reviewer,
        WorkspaceAction.Edit => WorkspaceRole.Editor,
        _ => WorkspaceRole.Owner,
    };

    public static IReadOnlyDictionary<Caller, Outcome> Each(Func<Caller, Outcome> outcome) => Callers.ToDictionary(c => c, outcome);

    /// <summary>Every caller gets <paramref name="status"/>, signed in or not.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> Everyone(HttpStatusCode status) => Each(_ => Outcome.Refused(status));

    /// <summary>Open to anyone, signed in or not.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> Anyone => Each(_ => Outcome.Allowed);

    /// <summary>Any signed-in caller; 401 without sign-in.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> SignedIn => Each(c => c == Caller.Anonymous ? Outcome.Refused(HttpStatusCode.Unauthorized) : Outcome.Allowed);

    /// <summary>The portal roles granted the endpoint's permission by default; 403 for other roles, 401 without sign-in.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> Roles(params string[] roles) => Each(c => PortalRoleOf(c) switch
    {
        null => Outcome.Refused(HttpStatusCode.Unauthorized),
        var role when roles.Contains(role) => Outcome.Allowed,
        _ => Outcome.Refused(HttpStatusCode.Forbidden),
    });

    /// <summary>
    /// A workspace's endpoint needing <paramref name="action"/> there: allowed from its minimum role, 403 for a caller who
    /// sees the workspace with a lower role, 404 for one who does not see it (its existence is not told), 401 without sign-in.
    /// </summary>
    public static IReadOnlyDictionary<Caller, Outcome> InWorkspace(WorkspaceAction action) => Each(c =>
        c == Caller.Anonymous ? Outcome.Refused(HttpStatusCode.Unauthorized)
        : WorkspaceRoleOf(c) is not { } role ? Outcome.Refused(HttpStatusCode.NotFound)
        : role >= MinimumRole(action) ? Outcome.Allowed
        : Outcome.Refused(HttpStatusCode.Forbidden));

    /// <summary>Only <paramref name="allowed"/> among those who see the workspace; the others who see it get 403.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> InWorkspaceOnly(params Caller[] allowed) => Each(c =>
        c == Caller.Anonymous ? Outcome.Refused(HttpStatusCode.Unauthorized)
        : WorkspaceRoleOf(c) is null ? Outcome.Refused(HttpStatusCode.NotFound)
        : allowed.Contains(c) ? Outcome.Allowed
        : Outcome.Refused(HttpStatusCode.Forbidden));

    /// <summary>A copy of <paramref name="expected"/> in which <paramref name="caller"/> gets <paramref name="outcome"/>.</summary>
    public static IReadOnlyDictionary<Caller, Outcome> With(this IReadOnlyDictionary<Caller, Outcome> expected, Caller caller, Outcome outcome)
        => expected.ToDictionary(e => e.Key, e => e.Key == caller ? outcome : e.Value);
}

/// <summary>Requests as the rows write them.</summary>
public static class MatrixRequests
{
    public static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    public static HttpRequestMessage Send(HttpMethod method, string url) => new(method, url);

    public static HttpRequestMessage Json<T>(HttpMethod method, string url, T body)
        => new(method, url) { Content = JsonContent.Create(body, options: Documents.DocumentsClient.Json) };

    /// <summary>A fresh name, so that a call allowed for one caller does not make the next one's a duplicate.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}
