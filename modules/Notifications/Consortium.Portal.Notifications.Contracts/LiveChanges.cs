namespace Consortium.Portal.Notifications;

/// <summary>
/// A kind of subject whose open pages hear of its changes (a document, a meeting…), registered by the module that owns
/// it with <see cref="NotificationServiceCollectionExtensions.AddLiveTopic{TTopic}"/>. The hub asks it before a
/// connection joins a subject's group, so only those who may see the subject hear that it changed.
/// </summary>
public interface ILiveTopic
{
    /// <summary>The topic's name, unique in the portal (<c>documents.document</c>).</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="userId"/> may see the subject now; false for one that does not exist.</summary>
    Task<bool> MayWatchAsync(Guid userId, Guid subjectId, CancellationToken cancellationToken);
}

/// <summary>
/// Tells the open pages of a subject, on every instance, that it changed. Best effort, after the change is saved: a page
/// that misses one is out of date until it reloads, and nothing is lost, so a failure is logged and not thrown.
/// </summary>
public interface ILiveChanges
{
    Task PublishAsync(string topic, Guid subjectId, string change);
}

/// <summary>
/// A browser tab's subscription to the changes of subjects it shows (one per circuit; the tab's one hub connection).
/// </summary>
public interface ILiveChangeFeed
{
    /// <summary>
    /// Watches the subject until the result is disposed. <paramref name="changed"/> receives each change's name, and
    /// <see cref="LiveChangeDto.Rejoined"/> when changes may have been missed: once as soon as the watch is in place
    /// (the caller loaded the subject before), and after the connection was lost and came back.
    /// </summary>
    Task<IAsyncDisposable> WatchAsync(string topic, Guid subjectId, Func<string, Task> changed);
}

/// <summary>What the hub sends a watching connection: which subject changed and how (a name the topic's module chose).</summary>
public sealed record LiveChangeDto(string Topic, Guid SubjectId, string Change)
{
    /// <summary>
    /// The change a watcher is told of when it may have missed some: as soon as its watch is in place, and after its
    /// connection came back. Anything may have changed meanwhile; the watcher reloads.
    /// </summary>
    public const string Rejoined = "rejoined";
}
