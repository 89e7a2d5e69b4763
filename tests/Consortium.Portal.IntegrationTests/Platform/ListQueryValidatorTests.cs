using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workflows.Application;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// A list query's validator, and any other portal-wide one (IPortalWideValidator), is built once for the portal, not per
/// request (it was most of a kept list's own cost), and still answers each request in that request's language.
/// </summary>
public sealed class ListQueryValidatorTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task One_validator_serves_every_request_and_each_refusal_is_in_its_readers_language()
    {
        await OneForTwoRequestsAsync<TaskInboxQuery>();

        // Each reader asks in the language their account remembers (Albanian at KCSS, Serbian at BFPE), in turn.
        async Task<string> RefusalAsync(Consortium.Portal.Identity.ConsortiumPartners.Partner partner)
        {
            var client = await portal.AsAsync(DemoUsers.MemberOf(partner));
            var response = await client.GetAsync($"{WorkflowsPaths.Api}/tasks/mine?page=0");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            return errors.EnumerateObject().Single().Value[0].GetString()!;
        }

        Assert.Equal("Faqja duhet të jetë numër i plotë, 1 ose më shumë.", await RefusalAsync(Consortium.Portal.Identity.ConsortiumPartners.Kcss));
        Assert.Equal("Stranica mora biti ceo broj, 1 ili veći.", await RefusalAsync(Consortium.Portal.Identity.ConsortiumPartners.Bfpe));
        Assert.Equal("Faqja duhet të jetë numër i plotë, 1 ose më shumë.", await RefusalAsync(Consortium.Portal.Identity.ConsortiumPartners.Kcss));
    }

    [Fact]
    public async Task A_portal_wide_write_validator_is_made_once_and_refuses_in_the_language_of_the_moment()
    {
        // Documents' library takes its write validators in its constructor: they must cost a list request nothing.
        var first = await OneForTwoRequestsAsync<CreateFolderRequest>();

        async Task<string> RefusalAsync(string culture)
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                var result = await first.ValidateAsync(new CreateFolderRequest("  ", null));
                return Assert.Single(result.Errors).ErrorMessage;
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        }

        Assert.Equal("Shkruani një emër dosjeje (karakteret e shtegut dhe të kontrollit nuk lejohen).", await RefusalAsync("sq"));
        Assert.Equal("Unesite ime fascikle (znakovi putanje i kontrolni znakovi nisu dozvoljeni).", await RefusalAsync("sr-Latn"));
        Assert.Equal("Enter a folder name (path and control characters are not allowed).", await RefusalAsync("en"));
    }

    /// <summary>The validator two request scopes get, which must be the same one.</summary>
    private async Task<IValidator<T>> OneForTwoRequestsAsync<T>()
    {
        var validators = new List<IValidator<T>>();
        for (var request = 0; request < 2; request++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            validators.Add(scope.ServiceProvider.GetRequiredService<IValidator<T>>());
        }
        Assert.Same(validators[0], validators[1]);
        return validators[0];
    }
}
