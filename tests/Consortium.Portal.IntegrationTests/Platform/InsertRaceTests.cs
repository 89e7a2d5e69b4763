using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// "Get or create" under a race (issue 10, item 7): requests that each find nothing and create the same thing at once
/// end with one row, every request answered 2xx (the losers read the winner's row again: UniqueWrites), never a 500
/// or a duplicate.
/// </summary>
public abstract class InsertRaceTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const int AtOnce = 8;

    [Fact]
    public async Task First_time_preference_saves_at_once_all_succeed_and_leave_one_row_per_type()
    {
        var email = $"prefs.{Guid.NewGuid():N}@example.org";
        var userId = await portal.CreateUserAsync(email, global::Consortium.Portal.Platform.Security.PortalRoles.Member, ConsortiumPartners.Kcss.Id);
        var clients = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => portal.AsAsync(email)));
        var deliveries = new[] { NotificationDelivery.DailyDigest, NotificationDelivery.Off };

        var responses = await Task.WhenAll(clients.Select((client, i) => client.PutAsJsonAsync("/api/notifications/preferences",
            new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["notifications.announcement"] = deliveries[i % 2] }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var scope = portal.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Preferences
            .Where(p => p.UserId == userId).ToListAsync();
        Assert.Single(rows);
    }

    [Fact]
    public async Task First_follows_of_one_document_at_once_all_succeed_and_leave_one_follow()
    {
        var (owner, workspaceId) = await NewWorkspaceAsync();
        var documentId = await owner.UploadOneAsync(workspaceId, "follow-me.md", SampleFiles.Text("to follow"));
        var ownerId = await portal.UserIdAsync(DemoUsers.LeadOf(ConsortiumPartners.Bfpe));

        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ =>
            owner.PutAsJsonAsync($"{DocumentsApi.Document(documentId)}/follow", new FollowRequest(FollowMode.Follow), DocumentsClient.Json)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DocumentsDbContext>().Follows
            .CountAsync(f => f.DocumentId == documentId && f.UserId == ownerId));
    }

    /// <summary>The rule: one document per name and folder. Whoever loses the race to create it adds a version to it.</summary>
    [Fact]
    public async Task Uploads_of_one_new_name_into_one_folder_at_once_make_one_document_with_a_version_each()
    {
        var (owner, workspaceId) = await NewWorkspaceAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => owner.PostAsync(DocumentsApi.WorkspaceDocuments(workspaceId),
            DocumentsClient.Files(null, (i % 2 == 0 ? "Minutes.md" : "minutes.MD", SampleFiles.Text($"minutes, take {i}"))))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var document = Assert.Single(await db.Documents.Where(d => d.WorkspaceId == workspaceId).ToListAsync());
        Assert.Equal(AtOnce, document.LatestVersionNumber);
        Assert.Equal(Enumerable.Range(1, AtOnce), (await db.Versions.Where(v => v.DocumentId == document.Id).Select(v => v.Number).ToListAsync()).Order());
    }

    private async Task<(HttpClient Owner, Guid WorkspaceId)> NewWorkspaceAsync()
    {
        var owner = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Bfpe));
        var workspace = await owner.CreateWorkspaceAsync("Local roundtable Peja " + Guid.NewGuid().ToString("N")[..6]);
        return (owner, workspace.Id);
    }
}

public sealed class InsertRaceTests_Sqlite(SqlitePortal portal) : InsertRaceTests<SqlitePortal>(portal);

public sealed class InsertRaceTests_PostgreSql(PostgreSqlPortal portal) : InsertRaceTests<PostgreSqlPortal>(portal);
