using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Matrix;

/// <summary>A person of the matrix, signed in once through the real sign-in API, with the cookies their hub connection needs.</summary>
public sealed record MatrixPerson(Guid Id, string Email, string Role, Guid? PartnerId, HttpClient Client, CookieContainer Cookies);

/// <summary>
/// What every module's rows call against, seeded once per database: the callers, signed in; one workspace in which the
/// workspace roles are held; a document with two text versions, a comment and a suggestion in it; a notification for
/// each caller. A row that changes what it calls (archives, deletes, restores) asks for a fresh target of its own
/// (<see cref="NewWorkspaceAsync"/>, <see cref="NewDocumentAsync"/>…), so one caller's allowed call does not spoil the next.
/// </summary>
public sealed class MatrixScene
{
    private readonly Dictionary<Caller, MatrixPerson> _people;
    private readonly Dictionary<Caller, Guid> _notifications;

    private MatrixScene(PortalAppFactory portal, Dictionary<Caller, MatrixPerson> people, Guid workspaceId, Guid documentId, Guid commentId, Guid suggestionId, Dictionary<Caller, Guid> notifications)
    {
        Portal = portal;
        _people = people;
        WorkspaceId = workspaceId;
        DocumentId = documentId;
        CommentId = commentId;
        SuggestionId = suggestionId;
        _notifications = notifications;
    }

    public PortalAppFactory Portal { get; }

    /// <summary>The workspace in which <see cref="Expect.WorkspaceRoleOf"/> holds; rows only read it or add to it.</summary>
    public Guid WorkspaceId { get; }

    /// <summary>A document of <see cref="WorkspaceId"/> with versions 1 and 2 (text, so they compare and preview).</summary>
    public Guid DocumentId { get; }

    public Guid CommentId { get; }

    public Guid SuggestionId { get; }

    /// <summary>The person behind <paramref name="caller"/>; anonymous has no one.</summary>
    public MatrixPerson Person(Caller caller) => _people[caller];

    public HttpClient ClientOf(Caller caller) => caller == Caller.Anonymous ? Portal.CreatePortalClient() : _people[caller].Client;

    /// <summary>A notification in the caller's inbox (for anonymous, an id that is no one's).</summary>
    public Guid NotificationOf(Caller caller) => _notifications.TryGetValue(caller, out var id) ? id : Guid.NewGuid();

    private HttpClient Owner => _people[Caller.Owner].Client;

    public static async Task<MatrixScene> SeedAsync(PortalAppFactory portal)
    {
        var people = new Dictionary<Caller, MatrixPerson>
        {
            [Caller.Administrator] = await DemoAsync(portal, DemoUsers.Administrator, PortalRoles.Administrator, null),
            [Caller.Coordinator] = await DemoAsync(portal, DemoUsers.Coordinator, PortalRoles.Coordinator, null),
            [Caller.PartnerLead] = await DemoAsync(portal, DemoUsers.LeadOf(ConsortiumPartners.Kcss), PortalRoles.PartnerLead, ConsortiumPartners.Kcss.Id),
            [Caller.Member] = await DemoAsync(portal, DemoUsers.MemberOf(ConsortiumPartners.Kcss), PortalRoles.Member, ConsortiumPartners.Kcss.Id),
            [Caller.Guest] = await NewPersonAsync(portal, PortalRoles.Guest, null),
            [Caller.Owner] = await NewPersonAsync(portal, PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id),
            [Caller.Editor] = await NewPersonAsync(portal, PortalRoles.Member, ConsortiumPartners.Bcsp.Id),
            [Caller.Reviewer] = await NewPersonAsync(portal, PortalRoles.Guest, null),
            [Caller.Viewer] = await NewPersonAsync(portal, PortalRoles.Member, ConsortiumPartners.Yucom.Id),
            [Caller.PartnerEditor] = await NewPersonAsync(portal, PortalRoles.Member, ConsortiumPartners.Aktiv.Id),
        };
        var owner = people[Caller.Owner].Client;
        var workspace = await owner.CreateWorkspaceAsync("Peer-to-peer visit Gjilan–Kraljevo");
        await AddMembersAsync(owner, workspace.Id, people);

        var document = await owner.UploadOneAsync(workspace.Id, "draft.md", SampleFiles.Text("first draft"));
        await DocumentsClient.ExpectAsync(await owner.PostVersionAsync(document, "draft.md", SampleFiles.Text("second draft")), HttpStatusCode.OK);
        var comment = await NewCommentOnAsync(owner, document);
        var suggestion = await NewSuggestionOnAsync(owner, document);

        var notifications = await NotifyEveryoneAsync(portal, people);
        return new MatrixScene(portal, people, workspace.Id, document, comment, suggestion, notifications);
    }

    /// <summary>Signs <paramref name="email"/> in with a cookie jar of its own (its hub connection sends the same cookies).</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(PortalAppFactory portal, string email)
    {
        var cookies = new CookieContainer();
        var client = portal.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        var response = await SignIn.PostSignInAsync(client, email, DemoUsers.Password);
        if (response.StatusCode == HttpStatusCode.Unauthorized && await SignIn.RequiresTwoFactorAsync(response))
        {
            var key = await SignIn.AuthenticatorKeyAsync(portal, email)
                      ?? throw new InvalidOperationException($"{email} needs a second factor but has no authenticator key.");
            response = await SignIn.PostSignInAsync(client, email, DemoUsers.Password, SignIn.CurrentCode(key));
        }
        await SignIn.EnsureSuccessAsync(response, email);
        var signedIn = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        if (signedIn.GetProperty("twoFactorSetUpRequired").GetBoolean())
        {
            await SignIn.EnableTwoFactorAsync(client);
        }
        return (client, cookies);
    }

    /// <summary>A new user of <paramref name="role"/>, signed in: for rows whose call changes the caller's own session or account.</summary>
    public static async Task<MatrixPerson> NewPersonAsync(PortalAppFactory portal, string role, Guid? partnerId)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var id = await portal.CreateUserAsync(email, role, partnerId);
        var (client, cookies) = await SignInAsync(portal, email);
        return new MatrixPerson(id, email, role, partnerId, client, cookies);
    }

    private static async Task<MatrixPerson> DemoAsync(PortalAppFactory portal, string email, string role, Guid? partnerId)
    {
        var (client, cookies) = await SignInAsync(portal, email);
        return new MatrixPerson(await portal.UserIdAsync(email), email, role, partnerId, client, cookies);
    }

    private static async Task AddMembersAsync(HttpClient owner, Guid workspaceId, Dictionary<Caller, MatrixPerson> people)
    {
        await owner.AddMemberAsync(workspaceId, WorkspaceRole.Editor, userId: people[Caller.Editor].Id);
        await owner.AddMemberAsync(workspaceId, WorkspaceRole.Reviewer, userId: people[Caller.Reviewer].Id);
        await owner.AddMemberAsync(workspaceId, WorkspaceRole.Viewer, userId: people[Caller.Viewer].Id);
        await owner.AddMemberAsync(workspaceId, WorkspaceRole.Editor, partnerId: ConsortiumPartners.Aktiv.Id);
    }

    /// <summary>An announcement to every caller, delivered through the outbox, so each has a notification to mark read.</summary>
    private static async Task<Dictionary<Caller, Guid>> NotifyEveryoneAsync(PortalAppFactory portal, Dictionary<Caller, MatrixPerson> people)
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<INotificationSender>().Send(new NotificationRequest(
                "notifications.announcement",
                people.Values.Select(p => p.Id).ToList(),
                new Dictionary<string, string> { ["sender"] = "Coordinator", ["subject"] = "The matrix", ["message"] = "Who may do what" },
                "/"));
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
        }
        var notifications = new Dictionary<Caller, Guid>();
        foreach (var (caller, person) in people)
        {
            var page = await Eventually.GetAsync(
                () => person.Client.GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api, DocumentsClient.Json),
                p => p is { Items.Count: > 0 }, $"the announcement in the inbox of {caller}");
            notifications[caller] = page!.Items[0].Id;
        }
        return notifications;
    }

    /// <summary>A hub connection of <paramref name="caller"/> (long polling through the in-memory server, with the caller's cookies).</summary>
    public HubConnection HubConnection(Caller caller, string pattern)
    {
        var url = new Uri(new Uri("https://localhost"), pattern);
        var cookies = caller == Caller.Anonymous ? "" : _people[caller].Cookies.GetCookieHeader(url);
        return new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => Portal.Server.CreateHandler();
                if (cookies.Length > 0)
                {
                    options.Headers["Cookie"] = cookies;
                }
            })
            .Build();
    }

    // Fresh targets, made by the workspace's owner, for rows whose allowed call would spoil a shared one.

    /// <summary>A workspace of its own with every workspace role in it, a member to change or remove, and a user to add.</summary>
    public async Task<WorkspaceTarget> NewWorkspaceAsync(bool archived = false)
    {
        var workspace = await Owner.CreateWorkspaceAsync("Roundtable in Novi Pazar");
        await AddMembersAsync(Owner, workspace.Id, _people);
        var target = await Portal.CreateUserAsync($"target.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.Bprg.Id, password: null);
        var members = await Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: target);
        var newcomer = await Portal.CreateUserAsync($"newcomer.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.D4D.Id, password: null);
        var stamp = members.ConcurrencyStamp;
        if (archived)
        {
            var response = await Owner.PostAsJsonAsync($"{WorkspaceTestKit.Api}/{workspace.Id}/archive", new { concurrencyStamp = stamp }, SignIn.Json);
            await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
            stamp = (await Owner.GetWorkspaceAsync(workspace.Id)).ConcurrencyStamp;
        }
        return new WorkspaceTarget(workspace.Id, stamp, members.Members.Single(m => m.UserId == target).Id, newcomer);
    }

    public async Task<FolderDto> NewFolderAsync()
        => await (await Owner.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(WorkspaceId), new CreateFolderRequest(MatrixRequests.Unique("Reports "), null), DocumentsClient.Json))
            .ReadAsync<FolderDto>(HttpStatusCode.Created);

    /// <summary>A folder in the recycle bin.</summary>
    public async Task<Guid> NewBinnedFolderAsync()
    {
        var folder = await NewFolderAsync();
        await DocumentsClient.ExpectAsync(await Owner.DeleteAsync($"{DocumentsApi.Documents}/folders/{folder.Id}"), HttpStatusCode.NoContent);
        return folder.Id;
    }

    /// <summary>A new document of one text version, with the stamp a change of it must send.</summary>
    public async Task<(Guid Id, Guid Stamp)> NewDocumentAsync()
    {
        var id = await Owner.UploadOneAsync(WorkspaceId, MatrixRequests.Unique("note-") + ".txt", SampleFiles.Text("note " + Guid.NewGuid()));
        return (id, (await Owner.GetDocumentAsync(id)).Document.ConcurrencyStamp);
    }

    /// <summary>A document in the recycle bin.</summary>
    public async Task<Guid> NewBinnedDocumentAsync()
    {
        var (id, _) = await NewDocumentAsync();
        await DocumentsClient.ExpectAsync(await Owner.DeleteAsync(DocumentsApi.Document(id)), HttpStatusCode.NoContent);
        return id;
    }

    /// <summary>A review of the shared document's version 2, asked of everyone in the workspace who may review.</summary>
    public async Task<Guid> NewReviewAsync()
    {
        Guid[] reviewers = [_people[Caller.Owner].Id, _people[Caller.Editor].Id, _people[Caller.Reviewer].Id, _people[Caller.PartnerEditor].Id];
        var review = await (await Owner.PostAsJsonAsync($"{DocumentsApi.Document(DocumentId)}/reviews",
                new RequestReviewRequest(2, reviewers, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)), null), DocumentsClient.Json))
            .ReadAsync<ReviewRequestDto>();
        return review.Id;
    }

    /// <summary>A comment of the owner's on the shared document, with its stamp.</summary>
    public async Task<(Guid Id, Guid Stamp)> NewCommentAsync()
    {
        var comment = await (await Owner.PostAsJsonAsync($"{DocumentsApi.Document(DocumentId)}/comments",
            new WriteCommentRequest(2, "Owner's note", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();
        return (comment.Id, comment.ConcurrencyStamp);
    }

    /// <summary>A pending suggestion of the owner's on the shared document.</summary>
    public Task<Guid> NewSuggestionAsync() => NewSuggestionOnAsync(Owner, DocumentId);

    private static async Task<Guid> NewCommentOnAsync(HttpClient owner, Guid document)
        => (await (await owner.PostAsJsonAsync($"{DocumentsApi.Document(document)}/comments",
            new WriteCommentRequest(2, "Owner's note", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>()).Id;

    private static async Task<Guid> NewSuggestionOnAsync(HttpClient owner, Guid document)
        => (await (await owner.PostAsJsonAsync($"{DocumentsApi.Document(document)}/suggestions",
            new SuggestEditRequest(2, new TextAnchorDto("draft", "", "", 7, 12), "version", null), DocumentsClient.Json)).ReadAsync<SuggestionDto>()).Id;
}

/// <summary>A workspace made for one call: its stamp, a membership to change and a user to add.</summary>
public sealed record WorkspaceTarget(Guid WorkspaceId, Guid Stamp, Guid TargetMembershipId, Guid NewcomerId);
