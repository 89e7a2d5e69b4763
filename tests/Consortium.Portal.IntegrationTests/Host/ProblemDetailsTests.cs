using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>Errors: API requests get RFC 7807 problem details in the user's language, pages get the error pages; never a stack trace.</summary>
public abstract class ProblemDetailsTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task A_malformed_JSON_body_gets_400_problem_details_that_say_so()
    {
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/probe/echo", new StringContent("{\"text\": \"hello\", \"count\": ", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The request body is not valid JSON", problem.Text("detail"));
    }

    [Fact]
    public async Task A_well_formed_body_is_accepted_by_the_same_endpoint()
    {
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/probe/echo", new StringContent("{\"text\": \"hello\", \"count\": 2}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_breaks_its_validator_gets_400_with_each_field_s_message_and_never_reaches_the_handler()
    {
        var handledBefore = ProbeModule.SeatRequestsHandled;

        var response = await host.CreateClient().PostAsync("/api/probe/seats",
            new StringContent("{\"name\": \"\", \"seats\": 11}", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request has invalid values.", problem.Text("title"));
        var errors = problem.GetProperty("errors");
        Assert.Equal(["name", "seats"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("The page size must be a whole number from 1 to 10.", errors.GetProperty("seats")[0].GetString());
        Assert.Equal(handledBefore, ProbeModule.SeatRequestsHandled);
    }

    [Fact]
    public async Task A_body_its_validator_accepts_reaches_the_handler()
    {
        var handledBefore = ProbeModule.SeatRequestsHandled;

        var response = await host.CreateClient().PostAsync("/api/probe/seats",
            new StringContent("{\"name\": \"Forum\", \"seats\": 3}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(ProbeModule.SeatRequestsHandled > handledBefore);
    }

    [Fact]
    public async Task A_conflict_that_knows_the_current_state_sends_it_with_the_409()
    {
        var response = await host.CreateClient().GetAsync("/api/probe/throw/concurrency-with-state");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("as it is now", problem.GetProperty("current").GetProperty("text").GetString());
        Assert.Equal(7, problem.GetProperty("current").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_stale_write_carries_a_stable_code_naming_the_kind_of_item()
    {
        var response = await host.CreateClient().GetAsync("/api/probe/throw/concurrency");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Document.Stale", problem.Text("code"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task An_unknown_API_path_gets_404_problem_details_whatever_the_method(string method)
    {
        var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/no-such-area/items"));

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Not found", problem.Text("title"));
    }

    [Fact]
    public async Task A_known_API_path_asked_with_the_wrong_method_gets_405_problem_details()
    {
        var response = await host.CreateClient().DeleteAsync("/api/probe/secret");

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_anonymous_API_request_gets_401_problem_details_instead_of_a_redirect_to_sign_in()
    {
        var response = await host.CreateClient().GetAsync("/api/probe/secret");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_permission_gets_403_problem_details_instead_of_a_redirect()
    {
        var member = await host.SignedInClientAsync(TestUser.Member());
        var lead = await host.SignedInClientAsync(TestUser.PartnerLead());

        var refused = await member.GetAsync("/api/probe/people");
        var allowed = await lead.GetAsync("/api/probe/people");

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_page_request_is_redirected_to_sign_in()
    {
        var response = await host.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("domain-rule", HttpStatusCode.BadRequest, "'tlh' is not a language of the portal. Choose one of: en.")]
    [InlineData("domain-rule-422", HttpStatusCode.UnprocessableEntity, "The request conflicts with the current state of the item.")]
    [InlineData("not-found", HttpStatusCode.NotFound, "The item you asked for does not exist or is not visible to you.")]
    [InlineData("forbidden", HttpStatusCode.Forbidden, "You do not have the permission to do this.")]
    [InlineData("concurrency", HttpStatusCode.Conflict, "Someone else changed this item after you opened it. Reload it and make your change again.")]
    [InlineData("db-concurrency", HttpStatusCode.Conflict, "Someone else changed this item after you opened it. Reload it and make your change again.")]
    [InlineData("blob-name", HttpStatusCode.BadRequest, "'../etc/passwd' is not a valid storage name.")]
    [InlineData("blob-exists", HttpStatusCode.Conflict, "A file is already stored under this name.")]
    [InlineData("blob-condition", HttpStatusCode.Conflict, "The file was changed or removed by someone else. Reload it and try again.")]
    [InlineData("blob-unavailable", HttpStatusCode.ServiceUnavailable, "The file storage cannot be reached right now. Nothing was saved; try again later.")]
    public async Task The_portal_s_exceptions_become_problem_details_with_their_status_and_message(string kind, HttpStatusCode status, string detail)
    {
        var response = await host.CreateClient().GetAsync($"/api/probe/throw/{kind}");

        var problem = await response.ProblemAsync(status);
        Assert.Equal(detail, problem.Text("detail"));
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_with_a_generic_message_and_a_trace_id_but_no_details()
    {
        var response = await host.CreateClient().GetAsync("/api/probe/throw/anything-else");

        var problem = await response.ProblemAsync(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Unexpected error", problem.Text("title"));
        Assert.DoesNotContain(ProbeModule.SecretMessage, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.False(problem.TryGetProperty("exception", out _));
        Assert.Contains(host.Errors.Exceptions, e => e.Message == ProbeModule.SecretMessage);
    }

    [Fact]
    public async Task A_refused_request_is_answered_without_being_logged_as_an_error()
    {
        var response = await host.CreateClient().GetAsync("/api/probe/throw/concurrency");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain(host.Errors.Exceptions, e => e is Consortium.Portal.Platform.Domain.ConcurrencyConflictException);
    }

    [Fact]
    public async Task A_refused_request_is_explained_in_the_user_s_language()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sq"));

        var response = await client.GetAsync("/api/probe/throw/domain-rule");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Kërkesa u refuzua.", problem.Text("title"));
        Assert.Equal("'tlh' nuk është gjuhë e portalit. Zgjidhni njërën nga: en.", problem.Text("detail"));
    }

    [Fact]
    public async Task A_status_problem_is_explained_in_the_user_s_language()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sr-Latn"));

        var response = await client.GetAsync("/api/probe/secret");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Potrebna je prijava", problem.Text("title"));
    }

    [Fact]
    public async Task A_page_that_fails_shows_the_error_page_without_the_exception()
    {
        var response = await host.CreateClient().GetAsync("/probe/page-throws/anything-else");

        var html = await response.PageAsync(HttpStatusCode.InternalServerError);
        var text = HostResponses.VisibleText(html);
        Assert.Contains("Something went wrong", text);
        Assert.Contains("If it happens again, give the administrator this reference:", text);
        Assert.DoesNotContain(ProbeModule.SecretMessage, html);
        Assert.DoesNotContain("   at ", html);
    }

    [Fact]
    public async Task A_page_the_user_may_not_use_gets_403_and_says_why_in_their_words()
    {
        var response = await host.CreateClient().GetAsync("/probe/page-throws/forbidden");

        var html = await response.PageAsync(HttpStatusCode.Forbidden);
        var text = HostResponses.VisibleText(html);
        Assert.Contains("You do not have the permission to do this.", text);
        Assert.DoesNotContain("only the owner may delete it", text);
    }

    [Fact]
    public async Task A_page_that_asks_for_something_missing_gets_the_not_found_page()
    {
        var response = await host.CreateClient().GetAsync("/probe/page-throws/not-found");

        var html = await response.PageAsync(HttpStatusCode.NotFound);
        Assert.Contains("Page not found", HostResponses.VisibleText(html));
    }

    [Fact]
    public async Task An_unknown_page_gets_the_not_found_page_in_the_user_s_language()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sq"));

        var response = await client.GetAsync("/no-such-page");

        var html = await response.PageAsync(HttpStatusCode.NotFound);
        Assert.Contains("Faqja nuk u gjet", HostResponses.VisibleText(html));
    }
}

[Collection(HostCollections.Sqlite)]
public sealed class ProblemDetailsTests_Sqlite(HostPortal<SqlitePortal> host) : ProblemDetailsTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class ProblemDetailsTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : ProblemDetailsTests<PostgreSqlPortal>(host);
