using Bunit;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>
/// The definitions page's JSON tab imports a definition as its next version: a paste that is not JSON is told under the
/// field, and a definition the rules refuse lists every reason; neither publishes anything (a good one's import is the
/// API's round trip, WorkflowApiTests).
/// </summary>
public sealed class DefinitionJsonImportTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new(withDatabase: true, mayManage: true);

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private async Task<int> PublishedAsync()
    {
        await using var scope = _context.Page.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Definitions.CountAsync();
    }

    private static async Task ImportAsync(IRenderedComponent<DefinitionsPage> page, string json)
    {
        await page.Find("#definition-json").ChangeAsync(new ChangeEventArgs { Value = json });
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Definitions.PublishButton" && b.GetAttribute("data-test") is null).ClickAsync(new());
    }

    [Fact]
    public async Task A_paste_that_is_not_json_or_not_a_valid_definition_is_told_and_publishes_nothing()
    {
        _context.Page.Render<MudPopoverProvider>();
        _context.Page.Render<MudSnackbarProvider>();
        var page = _context.Page.Render<DefinitionsPage>();
        await page.WaitForElement(".mud-tab:contains('Editor.TabJson')").ClickAsync(new());
        page.WaitForElement("#definition-json");

        await ImportAsync(page, "{ \"key\": \"tests.imported\", ");
        page.WaitForAssertion(() => Assert.Contains("Definitions.NotJson", page.Find("#definition-json").Closest(".mud-input-control")!.TextContent));

        // JSON, but a key the rules refuse and no stages: every reason, by field.
        await ImportAsync(page, """{ "key": "Not A Key", "name": { "en": "Imported", "sq": "Importuar", "srLatn": "Uvezen" }, "stages": [] }""");
        page.WaitForAssertion(() =>
        {
            var refused = page.Find(".mud-alert:contains('Definitions.Refused')").TextContent;
            Assert.Contains("key", refused);
            Assert.Contains("stages", refused);
        });
        Assert.Equal(0, await PublishedAsync());
    }
}
