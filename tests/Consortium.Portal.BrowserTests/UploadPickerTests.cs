using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The upload areas of the document list and of a document: a button, reached and pressed with the keyboard, opens the
/// browser's file picker once; a click on the area itself opens nothing and sends the circuit nothing.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class UploadPickerTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string Colleague = "member2.bprg@demo.portal";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    // Far above what one upload sends (an event, the uploader's calls and the render acknowledgements: a few dozen), far
    // below the loop this guards against, which sent six hundred messages a second.
    private const int MostCircuitMessagesForOneUpload = 150;

    // Counts, in the page, the clicks that reach a file input: each one is an attempt to open the file dialog.
    private const string CountPickerClicks = @"() => {
        window.pickerClicks = 0;
        document.addEventListener('click', e => { if (e.target instanceof HTMLInputElement && e.target.type === 'file') window.pickerClicks++; }, true);
    }";

    [Fact]
    public Task A_click_on_the_upload_area_opens_the_picker_once_and_sends_no_storm_of_circuit_messages() => portal.RunAsync(this, output, async page =>
    {
        var sent = CountCircuitMessages(page);
        var name = $"Picked {Guid.NewGuid():N}".Substring(0, 15) + ".md";
        await PortalPages.SignInAsync(page, Author);
        await PortalPages.OpenAsync(page, ResearchReport);
        var zone = page.Locator("[data-test=drop-zone][data-ready=true]");
        await zone.WaitForAsync();
        await page.EvaluateAsync(CountPickerClicks);
        var before = sent.Count;

        // A click on the area's text (the author reads the portal in Albanian): the area only takes drops.
        await zone.Locator(".mud-typography").First.ClickAsync();

        // The button, pressed from the keyboard, opens the picker.
        var button = zone.Locator("[data-test=upload-button]");
        Assert.Equal("BUTTON", await button.EvaluateAsync<string>("b => b.tagName"));
        var chooser = await page.RunAndWaitForFileChooserAsync(async () =>
        {
            await button.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        });
        await chooser.SetFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Picked\n\nChosen with the keyboard.\n") });
        await Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name })).ToBeVisibleAsync();

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.pickerClicks"));
        Assert.InRange(sent.Count - before, 1, MostCircuitMessagesForOneUpload);
    });

    [Fact]
    public Task The_new_version_button_opens_the_picker_once_and_is_not_offered_while_someone_else_holds_the_lock() => portal.RunAsync(this, output, async author =>
    {
        var name = $"Locked {Guid.NewGuid():N}".Substring(0, 15) + ".md";
        await PortalPages.SignInAsync(author, Author);
        await PortalPages.OpenAsync(author, ResearchReport);
        await author.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await author.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("First.\n") });
        await author.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).ClickAsync();
        await Expect(author.Locator("[data-test=document-name]")).ToContainTextAsync(name);
        var documentPage = author.Url;

        // The author's new version: one press of the button, one picker, one new version.
        var sent = CountCircuitMessages(author);
        await author.ReloadAsync();
        var zone = author.Locator("[data-test=version-drop][data-ready=true]");
        await zone.WaitForAsync();
        await author.EvaluateAsync(CountPickerClicks);
        var before = sent.Count;
        await zone.Locator(".mud-typography").First.ClickAsync();
        var chooser = await author.RunAndWaitForFileChooserAsync(() => zone.Locator("[data-test=version-button]").PressAsync("Enter"));
        await chooser.SetFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("Second.\n") });
        await Expect(author.Locator("[data-test=document-name]")).ToContainTextAsync("v2");
        Assert.Equal(1, await author.EvaluateAsync<int>("() => window.pickerClicks"));
        Assert.InRange(sent.Count - before, 1, MostCircuitMessagesForOneUpload);

        // She checks it out; her colleague, who may edit too, sees the lock and is offered no new version.
        await UntilShown.ClickAsync(author.Locator("[data-test=lock-button]"), author.Locator("[data-test=lock]"), "the lock banner");
        await using var colleagueContext = await portal.NewContextAsync();
        var colleague = await colleagueContext.NewPageAsync();
        await PortalPages.SignInAsync(colleague, Colleague);
        await PortalPages.OpenAsync(colleague, documentPage);
        await Expect(colleague.Locator("[data-test=lock]")).ToBeVisibleAsync();
        await Expect(colleague.Locator("[data-test=version-drop]")).ToHaveCountAsync(0);
        await Expect(author.Locator("[data-test=version-drop]")).ToHaveCountAsync(1);
    });

    /// <summary>The messages the page sends over its Blazor circuit's WebSocket, counted as they go.</summary>
    private static MessageCount CountCircuitMessages(IPage page)
    {
        var count = new MessageCount();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                socket.FrameSent += (_, _) => count.Add();
            }
        };
        return count;
    }

    private sealed class MessageCount
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
    }

}
