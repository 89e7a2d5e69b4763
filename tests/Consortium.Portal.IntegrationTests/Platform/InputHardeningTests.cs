using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// The smaller findings of issue 10: names with control characters (item 6), a page number past any list, an upload
/// that announces more than the limit, and data-protection keys encrypted with a certificate.
/// </summary>
public abstract class InputHardeningTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task An_invitation_whose_display_name_breaks_the_line_is_refused()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var response = await coordinator.PostAsJsonAsync("/api/identity/invitations", new
        {
            email = $"invitee.{Guid.NewGuid():N}@example.org", displayName = "Ana\r\n2026-12-04 info: admin granted", role = PortalRoles.Member,
            partnerOrganisationId = ConsortiumPartners.Kcss.Id,
        }, SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        Assert.Equal(["displayName"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    public async Task A_page_of_the_activity_feed_past_any_list_is_refused_not_turned_into_page_one(string page)
    {
        var owner = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Bfpe));
        var workspace = await owner.CreateWorkspaceAsync("Seminar on rule of law " + Guid.NewGuid().ToString("N")[..6]);

        var response = await owner.GetAsync($"/api/workspaces/{workspace.Id}/activity?page={page}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task An_upload_announcing_more_than_the_limit_is_refused_before_its_body_is_read()
    {
        const int limit = 1024 * 1024;
        await using var small = portal.WithWebHostBuilder(builder => builder.UseSetting("Documents:MaxUploadBytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var owner = await SignInOnAsync(small, DemoUsers.LeadOf(ConsortiumPartners.Bfpe));
        var workspace = await owner.CreateWorkspaceAsync("Peer visit Kraljevo " + Guid.NewGuid().ToString("N")[..6]);
        var body = new CountingTextBody(8L * limit);
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "too-big.txt" };
        content.Headers.ContentLength = body.Length;

        var response = await owner.PostAsync(DocumentsApi.WorkspaceDocuments(workspace.Id), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.BytesRead < limit / 2, $"{body.BytesRead} bytes of the body were read before the refusal");
    }

    [Fact]
    public async Task A_form_of_several_files_announcing_more_than_the_request_limit_is_refused_before_its_body_is_read()
    {
        const int fileLimit = 1024 * 1024;
        const int requestLimit = 2 * fileLimit;
        await using var small = portal.WithWebHostBuilder(builder => builder
            .UseSetting("Documents:MaxUploadBytes", fileLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Documents:MaxUploadRequestBytes", requestLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var owner = await SignInOnAsync(small, DemoUsers.LeadOf(ConsortiumPartners.Bfpe));
        var workspace = await owner.CreateWorkspaceAsync("Summer school Ohrid " + Guid.NewGuid().ToString("N")[..6]);
        // Three files, each within the per-file limit, over the request's limit together.
        var bodies = Enumerable.Range(0, 3).Select(_ => new CountingTextBody(fileLimit * 9L / 10)).ToList();
        var form = FormOf(bodies.Select(b => (HttpContent)new StreamContent(b)).ToList());
        form.Headers.ContentLength = bodies.Sum(b => b.Length) + FramingLengthOf(bodies.Count);

        var response = await owner.PostAsync(DocumentsApi.WorkspaceDocuments(workspace.Id), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2 MB", (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(bodies.Sum(b => b.BytesRead) < fileLimit / 2, $"{bodies.Sum(b => b.BytesRead)} bytes of the body were read before the refusal");
    }

    private const string FormBoundary = "portal-test-boundary";

    private static MultipartFormDataContent FormOf(IReadOnlyList<HttpContent> files)
    {
        var form = new MultipartFormDataContent(FormBoundary);
        for (var i = 0; i < files.Count; i++)
        {
            files[i].Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(files[i], "files", $"minutes-{i}.txt");
        }
        return form;
    }

    /// <summary>The boundaries and part headers of a form of <paramref name="count"/> files: the same form with empty files.</summary>
    private static long FramingLengthOf(int count)
        => FormOf(Enumerable.Range(0, count).Select(_ => (HttpContent)new ByteArrayContent([])).ToList()).ReadAsByteArrayAsync().GetAwaiter().GetResult().Length;

    [Fact]
    public async Task With_a_certificate_configured_the_stored_data_protection_keys_are_encrypted()
    {
        var pfx = Path.Combine(portal.DataFolder, "data-protection.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Consortium Portal data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "key-password"));
        }
        // An empty database: a seeded copy already holds a key, stored before any certificate was configured.
        var encrypted = new TPortal { StartsOnSeededCopy = false };
        encrypted.Settings["DataProtection:Certificate:Path"] = pfx;
        encrypted.Settings["DataProtection:Certificate:Password"] = "key-password";
        await encrypted.InitializeAsync();
        try
        {
            var page = await encrypted.CreatePortalClient().GetAsync("/account/sign-in");
            await using var scope = encrypted.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<global::Consortium.Portal.Platform.PlatformDbContext>().DataProtectionKeys.ToListAsync();

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("unencrypted form", key.Xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            await ((IAsyncLifetime)encrypted).DisposeAsync();
        }
    }

    private static async Task<HttpClient> SignInOnAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false });
        await SignIn.EnsureSuccessAsync(await SignIn.PostSignInAsync(client, email, DemoUsers.Password), email);
        return client;
    }
}

public sealed class InputHardeningTests_Sqlite(SqlitePortal portal) : InputHardeningTests<SqlitePortal>(portal);

public sealed class InputHardeningTests_PostgreSql(PostgreSqlPortal portal) : InputHardeningTests<PostgreSqlPortal>(portal);
