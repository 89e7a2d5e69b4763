namespace Consortium.Portal.Notifications.Tests;

/// <summary>
/// The one way a page watches the subject it shows (the meeting page, the document page): a page whose route moves on to
/// another subject stops hearing of the old one (even when the new one fails to load), and a page that is gone hears
/// nothing and holds no watch.
/// </summary>
public sealed class LiveWatchTests
{
    private const string Topic = "meetings.meeting";

    private readonly Feed _feed = new();
    private readonly List<string> _heard = [];
    private int _dispatched;

    /// <summary>A page's watch: what it hears is recorded, each change after going through the page's dispatcher.</summary>
    private LiveWatch PageWatch() => new(_feed, Topic, work =>
    {
        _dispatched++;
        return work();
    }, change =>
    {
        _heard.Add(change);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task A_change_reaches_the_page_through_its_dispatcher()
    {
        await using var live = PageWatch();
        var meeting = Guid.NewGuid();

        await live.WatchAsync(meeting);
        await _feed.Push(meeting, "details");

        Assert.Equal([LiveChangeDto.Rejoined, "details"], _heard);
        Assert.Equal(2, _dispatched);
    }

    [Fact]
    public async Task Each_render_watching_the_same_subject_watches_it_once()
    {
        await using var live = PageWatch();
        var meeting = Guid.NewGuid();

        await live.WatchAsync(meeting);
        await live.WatchAsync(meeting);

        Assert.Single(_feed.Watches);
    }

    [Fact]
    public async Task Watching_another_subject_releases_the_watch_of_the_one_before()
    {
        await using var live = PageWatch();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        await live.WatchAsync(first);
        await live.WatchAsync(second);

        Assert.Equal([(first, 1), (second, 0)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
        // A push for the old subject already on its way when the route moved on is not the page's any more.
        await _feed.Push(first, "details");
        Assert.Equal([LiveChangeDto.Rejoined, LiveChangeDto.Rejoined], _heard);
    }

    [Fact]
    public async Task A_change_heard_after_the_page_is_disposed_does_nothing()
    {
        var live = PageWatch();
        var meeting = Guid.NewGuid();
        await live.WatchAsync(meeting);

        await live.DisposeAsync();
        // Already on its way to the page's dispatcher when the page went.
        await _feed.Push(meeting, "state");

        Assert.Equal([LiveChangeDto.Rejoined], _heard);
        Assert.Equal(1, _feed.Watches.Single().Releases);
    }

    [Fact]
    public async Task Disposing_twice_releases_the_watch_once()
    {
        var live = PageWatch();
        await live.WatchAsync(Guid.NewGuid());

        await live.DisposeAsync();
        await live.DisposeAsync();

        Assert.Equal(1, _feed.Watches.Single().Releases);
    }

    [Fact]
    public async Task Disposing_a_page_that_never_watched_is_safe()
    {
        var live = PageWatch();

        await live.DisposeAsync();
        await live.DisposeAsync();
        await live.WatchAsync(Guid.NewGuid());

        Assert.Empty(_feed.Watches);
    }

    [Fact]
    public async Task A_watch_handed_over_after_the_page_went_is_released_at_once()
    {
        var live = PageWatch();
        var handOver = _feed.HoldNextWatch();
        var watching = live.WatchAsync(Guid.NewGuid());

        await live.DisposeAsync();
        handOver.SetResult();
        await watching;

        Assert.Equal(1, _feed.Watches.Single().Releases);
    }

    [Fact]
    public async Task A_watch_handed_over_after_the_route_moved_on_is_released_and_the_new_subject_kept()
    {
        await using var live = PageWatch();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var handOver = _feed.HoldNextWatch();
        var watchingFirst = live.WatchAsync(first);

        await live.WatchAsync(second);
        handOver.SetResult();
        await watchingFirst;

        Assert.Equal([(first, 1), (second, 0)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
        await _feed.Push(second, "details");
        Assert.Equal("details", _heard[^1]);
    }

    [Fact]
    public async Task Moving_to_another_subject_releases_the_watch_before_the_new_one_loads()
    {
        await using var live = PageWatch();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await live.WatchAsync(first);

        await live.MoveToAsync(second);

        // Whether the second then loads or not, the page hears nothing more of the first.
        Assert.Equal([(first, 1)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
        await _feed.Push(first, "details");
        Assert.Equal([LiveChangeDto.Rejoined], _heard);
        await live.WatchAsync(second);
        Assert.Equal([(first, 1), (second, 0)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
    }

    [Fact]
    public async Task Moving_to_the_subject_watched_keeps_its_watch()
    {
        await using var live = PageWatch();
        var meeting = Guid.NewGuid();
        await live.WatchAsync(meeting);

        await live.MoveToAsync(meeting);
        await live.WatchAsync(meeting);
        await _feed.Push(meeting, "details");

        Assert.Equal(0, _feed.Watches.Single().Releases);
        Assert.Equal([LiveChangeDto.Rejoined, "details"], _heard);
    }

    [Fact]
    public async Task A_watch_handed_over_after_the_page_moved_on_is_released_and_nothing_is_watched()
    {
        await using var live = PageWatch();
        var first = Guid.NewGuid();
        var handOver = _feed.HoldNextWatch();
        var watchingFirst = live.WatchAsync(first);

        await live.MoveToAsync(Guid.NewGuid());
        handOver.SetResult();
        await watchingFirst;

        Assert.Equal([(first, 1)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
        await _feed.Push(first, "details");
        Assert.Empty(_heard);
    }

    [Fact]
    public async Task Moving_before_anything_was_watched_or_after_the_page_went_does_nothing()
    {
        var live = PageWatch();
        await live.MoveToAsync(Guid.NewGuid());
        var meeting = Guid.NewGuid();
        await live.WatchAsync(meeting);

        await live.DisposeAsync();
        await live.MoveToAsync(Guid.NewGuid());

        Assert.Equal([(meeting, 1)], _feed.Watches.Select(w => (w.SubjectId, w.Releases)));
    }

    /// <summary>
    /// The tab's feed as a page sees it: each watch catches up with <see cref="LiveChangeDto.Rejoined"/> when in place, as
    /// the real one does, and a released watch can still be pushed to (a push already on its way).
    /// </summary>
    private sealed class Feed : ILiveChangeFeed
    {
        private TaskCompletionSource? _hold;

        public List<Watch> Watches { get; } = [];

        /// <summary>The next watch is handed over only when the answer is set: the hub's join still on its way.</summary>
        public TaskCompletionSource HoldNextWatch() => _hold = new TaskCompletionSource();

        public async Task<IAsyncDisposable> WatchAsync(string topic, Guid subjectId, Func<string, Task> changed)
        {
            Assert.Equal(Topic, topic);
            var watch = new Watch(subjectId, changed);
            Watches.Add(watch);
            if (_hold is { } hold)
            {
                _hold = null;
                await hold.Task;
            }
            await changed(LiveChangeDto.Rejoined);
            return watch;
        }

        public async Task Push(Guid subjectId, string change)
        {
            foreach (var watch in Watches.Where(w => w.SubjectId == subjectId).ToList())
            {
                await watch.Changed(change);
            }
        }
    }

    private sealed class Watch(Guid subjectId, Func<string, Task> changed) : IAsyncDisposable
    {
        public Guid SubjectId { get; } = subjectId;

        public Func<string, Task> Changed { get; } = changed;

        public int Releases { get; private set; }

        public ValueTask DisposeAsync()
        {
            Releases++;
            return ValueTask.CompletedTask;
        }
    }
}
