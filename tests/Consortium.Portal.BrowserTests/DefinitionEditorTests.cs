using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The coordinator builds a definition in the stage editor, from the keyboard where a person would use it: a refused
/// publication names what is wrong; a stage dragged with the mouse inside a parallel group's branch moves there alone;
/// a condition's field and value chosen by name from the keyboard; version 1; then, edited as a new version with a stage moved up and the branch's stage moved back down by keyboard,
/// version 2.
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

        // A parallel group, and a second stage in its first branch dragged slowly with the mouse above the branch's first:
        // the branch's own list takes the drop, and the outer list (which holds the group) keeps its order.
        await editor.Locator("[data-test=editor-add-parallel]").First.ClickAsync();
        var group = editor.Locator("[data-test=editor-stage][data-stage-id^=group-]");
        var branch = group.Locator("[data-test=editor-stage-list]").First;
        await branch.Locator("[data-test=editor-add-stage]").ClickAsync();
        var branchStages = branch.Locator("[data-test=editor-stage]");
        await Expect(branchStages).ToHaveCountAsync(2);
        var (wasFirst, dragged) = (await branchStages.Nth(0).GetAttributeAsync("data-stage-id"), await branchStages.Nth(1).GetAttributeAsync("data-stage-id"));
        var branchItems = branch.Locator("[data-test=reorder-item]");
        // The branch's first stage near the top of the window but below the fixed app bar, the dragged one under it: a
        // branch centred whole put the first stage's top under the app bar, and the drop fell on the bar.
        await branchItems.Nth(0).EvaluateAsync("e => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -120); }");
        var draggedItem = branchItems.Filter(new() { Has = page.Locator($"[data-stage-id='{dragged}']") });
        await UntilShown.NudgeAsync(() => PointerDrag.OntoAsync(page, draggedItem, branchItems.Nth(0)),
            branchStages.First.And(page.Locator($"[data-stage-id='{dragged}']")), "the stage dragged to the branch's first place", round: TimeSpan.FromSeconds(5));
        // Every stage in document order: the outer list as it was, the group's first branch in its new order.
        var order = new List<string?>();
        foreach (var stage in await editor.Locator("[data-test=editor-stage]").AllAsync())
        {
            order.Add(await stage.GetAttributeAsync("data-stage-id"));
        }
        Assert.Equal(new[] { "stage-1", "stage-2", await group.GetAttributeAsync("data-stage-id"), dragged, wasFirst }, order.Take(5));

        // A condition on the subject's type, added and filled from the keyboard: the field and the value are chosen by the
        // names the modules give them ("Research report"), never typed to match the stored value (ResearchReport).
        var conditions = editor.Locator("[data-test=editor-condition]");
        var waitedForCondition = System.Diagnostics.Stopwatch.StartNew();
        while (await conditions.CountAsync() == 0)
        {
            Assert.True(waitedForCondition.Elapsed < UntilShown.Patience, "No condition was added from the keyboard.");
            await editor.Locator("[data-test=editor-add-condition]").First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await Expect(conditions).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // The press went to a button drawn anew: press again.
            }
        }
        var condition = conditions.First;
        await ChooseAsync(page, condition.Locator("[data-test=editor-condition-field]").First, "Type", backwards: true, "the condition's field");
        await ChooseAsync(page, condition.Locator("[data-test=editor-condition-value]").First, "Research report", backwards: false, "the condition's value");
        await Expect(editor.Locator("[data-test=editor-flow]")).ToContainTextAsync("Research report");
        await AccessibilityAudit.CheckAsync(page);
        foreach (var stage in await editor.Locator("[data-test=editor-stage]").AllAsync())
        {
            order.Add(await stage.GetAttributeAsync("data-stage-id"));
        }
        order = order.Distinct().ToList();
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
        // Version 1 kept the branch in the order it was dragged to.
        await Expect(editor.Locator("[data-test=editor-stage]")).ToHaveCountAsync(order.Count);
        await Expect(branchStages.Nth(0)).ToHaveAttributeAsync("data-stage-id", dragged!);
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
        // Inside the branch too: its first stage (the dragged one) moves back down from the keyboard.
        var branchFirst = branchStages.First;
        waited.Restart();
        while (await branchFirst.GetAttributeAsync("data-stage-id") != wasFirst)
        {
            Assert.True(waited.Elapsed < UntilShown.Patience, "The branch's stage never moved down from the keyboard.");
            await branchItems.Nth(0).Locator("[data-test=move-down]").First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await Expect(branchFirst).ToHaveAttributeAsync("data-stage-id", wasFirst!, new() { Timeout = 10_000 });
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

    /// <summary>
    /// Tabs to a select, opens it with Enter, arrows to <paramref name="option"/> and takes it with Enter, as a person
    /// without a mouse does: looking at the list before each key, and at the select once it has closed, choosing again
    /// should it show another option (a press that showed late on a loaded machine took the one after).
    /// </summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string option, bool backwards, string what)
    {
        var exactly = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(option)}\\s*$");
        var item = page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextRegex = exactly });
        await KeyboardMoves.TabToAsync(page, select, what, backwards);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await page.Keyboard.PressAsync("Enter");
            await Expect(item).ToBeVisibleAsync();
            await KeyboardMoves.ArrowToAsync(page, item, what + ": " + option);
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            }
            catch (PlaywrightException) when (waited.Elapsed < UntilShown.Patience)
            {
                // The list stayed open with the option taken (a fresh-clone check, load about 20: the select showed
                // Type under its open list for a minute): Escape closes it, and the select says what was taken.
                await page.Keyboard.PressAsync("Escape");
                await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            }
            try
            {
                await Expect(select).ToHaveTextAsync(exactly, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (waited.Elapsed < UntilShown.Patience)
            {
                // Another option was taken: the select keeps the focus, and is opened again.
            }
        }
    }
}
