using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The coordinator builds a definition in the stage editor, from the keyboard where a person would use it: a refused
/// publication names what is wrong; version 1; then, edited as a new version with a stage moved up, version 2.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class DefinitionEditorTests(PortalInBrowser portal, ITestOutputHelper output)
{
    [Fact]
    public Task The_coordinator_publishes_a_definition_and_its_next_version_from_the_stage_editor() => portal.RunAsync(this, output, async page =>
    {
        var key = "tests.editor-" + Guid.NewGuid().ToString("N")[..8];
        await PortalPages.SignInWithAuthenticatorAsync(page, "coordinator@demo.portal");
        await PortalPages.OpenAsync(page, "/workflows/definitions");
        var editor = page.Locator("[data-test=definition-editor]");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });

        // Without a key or a name the validator refuses, saying so.
        await editor.Locator("[data-test=editor-publish]").ClickAsync();
        await Expect(editor.Locator("[data-test=editor-refused]")).ToBeVisibleAsync();

        await editor.Locator("input[data-test=editor-key], [data-test=editor-key] input").First.FillAsync(key);
        await editor.Locator("input[data-test=editor-name-en], [data-test=editor-name-en] input").First.FillAsync("Editor test");
        // A second stage, added from the keyboard.
        await editor.Locator("[data-test=editor-add-stage]").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(editor.Locator("[data-test=editor-stage]")).ToHaveCountAsync(2);
        await Expect(editor.Locator("[data-test=editor-flow]")).ToContainTextAsync("stage-1");
        // Every name in the three languages: the definition's and each stage's (left empty, the stage's id is shown).
        foreach (var (label, name) in new[] { ("Name in English", "Review"), ("Name in Albanian", "Shqyrtimi"), ("Name in Serbian", "Pregled") })
        {
            var fields = editor.GetByLabel(label, new() { Exact = true });
            for (var i = await fields.CountAsync() - 1; i >= 0; i--)
            {
                if (string.IsNullOrEmpty(await fields.Nth(i).InputValueAsync()))
                {
                    await fields.Nth(i).FillAsync(name);
                }
            }
        }
        await editor.Locator("[data-test=editor-publish]").ClickAsync();
        await Expect(page.GetByText($"Published {key}, version 1.")).ToBeVisibleAsync();
        await PortalPages.ReadyAsync(page);

        // The new definition opened; edited as its next version: the second stage moves up, by keyboard.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit as a new version" }).ClickAsync();
        await Expect(editor.Locator("[data-test=editor-stage]")).ToHaveCountAsync(2);
        // The list draws its items again once it has them (ReorderList refreshes its drop zone after a render): a button
        // focused just before that is replaced, and the Enter goes nowhere. Focus and press again until the move shows.
        var firstStageId = editor.Locator("[data-test=editor-stage]").First.GetByLabel("Stage id", new() { Exact = true });
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await firstStageId.InputValueAsync() != "stage-2")
        {
            Assert.True(waited.Elapsed < UntilShown.Patience, "The second stage never moved up from the keyboard.");
            await editor.Locator("[data-test=reorder-item]").Nth(1).Locator("button[aria-label^='Move']").First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await Expect(firstStageId).ToHaveValueAsync("stage-2", new() { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // Not moved yet: look again.
            }
        }
        await editor.Locator("[data-test=editor-publish]").ClickAsync();
        await Expect(page.GetByText($"Published {key}, version 2.")).ToBeVisibleAsync();
        await PortalPages.ReadyAsync(page);
    });
}
