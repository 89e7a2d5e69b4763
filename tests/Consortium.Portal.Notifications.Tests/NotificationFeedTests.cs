using Consortium.Portal.Notifications.Components;
using Microsoft.JSInterop;

namespace Consortium.Portal.Notifications.Tests;

/// <summary>
/// A page loads its subject and only then watches it (JavaScript runs after the first render). A change saved in that
/// gap, such as a document's text extracted as its page opened, was pushed to nobody, and the page waited for it forever
/// (CI run of 2026-12-05: the Word preview stayed "text pending"). The watch now starts with a catch-up.
/// </summary>
public sealed class NotificationFeedTests
{
    [Fact]
    public async Task A_new_watcher_is_told_to_catch_up_once_its_watch_is_in_place()
    {
        var js = new ScriptedBrowser();
        await using var feed = new NotificationFeed(js);
        var heard = new List<string>();

        await using var watching = await feed.WatchAsync("documents.document", Guid.NewGuid(), change =>
        {
            // The catch-up comes after the hub was asked to join the subject, so nothing saved after it is missed.
            heard.Add($"{change} after {string.Join(",", js.Calls)}");
            return Task.CompletedTask;
        });

        Assert.Equal(["rejoined after import,connect,watch"], heard);
    }

    [Fact]
    public async Task A_second_watcher_of_the_same_subject_catches_up_without_joining_again()
    {
        var js = new ScriptedBrowser();
        await using var feed = new NotificationFeed(js);
        var subject = Guid.NewGuid();
        var first = new List<string>();
        var second = new List<string>();

        await using var one = await feed.WatchAsync("documents.document", subject, c => { first.Add(c); return Task.CompletedTask; });
        await using var two = await feed.WatchAsync("documents.document", subject, c => { second.Add(c); return Task.CompletedTask; });

        Assert.Equal(["rejoined"], first);
        Assert.Equal(["rejoined"], second);
        Assert.Single(js.Calls, c => c == "watch");

        await feed.OnChanged("documents.document", subject, "version");
        Assert.Equal(["rejoined", "version"], first);
        Assert.Equal(["rejoined", "version"], second);
    }

    [Fact]
    public async Task A_catch_up_cut_short_by_the_tab_closing_is_not_an_error()
    {
        await using var feed = new NotificationFeed(new ScriptedBrowser());
        var subject = Guid.NewGuid();

        // The page's reload finds the circuit's services disposed: the tab closed as the page opened.
        await using var watching = await feed.WatchAsync("documents.document", subject, _ => throw new ObjectDisposedException("IServiceProvider"));

        // Only the catch-up's ending is forgiven: the watch is in place like any other.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => feed.OnChanged("documents.document", subject, "version"));
    }

    /// <summary>The tab's scripts as the feed sees them: each call is recorded, and the connection answers at once.</summary>
    private sealed class ScriptedBrowser : IJSRuntime, IJSObjectReference
    {
        public List<string> Calls { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
            => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Calls.Add(identifier);
            // "import" gives the module and the module's "connect" gives the connection: both are this object.
            return ValueTask.FromResult(this is TValue self ? self : default!);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
