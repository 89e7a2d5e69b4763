using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Caching;

/// <summary>Configuration section <c>Caching</c>: the bound of the portal's one in-process cache.</summary>
public sealed class PortalCacheOptions
{
    public const string Section = "Caching";

    /// <summary>
    /// The most entries kept at once (each entry counts one, whatever its size). Past it a new entry is not kept and
    /// a twentieth of the entries, the least recently used first, is dropped in the background.
    /// </summary>
    public int MaxEntries { get; set; } = 10_000;
}

/// <summary>
/// The portal's cache of what requests read over and over (a workspace's members, pages of document lists): entries
/// under a key, each with one tag and a lifetime, in a bounded memory of this instance.
/// <para>
/// A saved change invalidates a tag (<see cref="Invalidate(string)"/>, called after the commit by
/// <see cref="CacheInvalidationInterceptor"/> for the entity saves a module declared with
/// <see cref="CacheInvalidationRegistration.InvalidateCacheOnSave{TEntity}"/>): the tag's entries are no longer
/// answered, and a read that started before the invalidation is not kept either, since what it read may predate the
/// change. Every tag has a generation; an entry remembers the generation its read started under and is answered only
/// while that is still the tag's, so no interleaving of a read, a store and an invalidation can keep a stale entry.
/// </para>
/// <para>
/// Only this instance's saves invalidate; another instance's change is seen once the entry's lifetime has passed.
/// Entries are shared, read-only objects: callers never change them. There is no stampede protection: two requests
/// that miss at once both read, which the database serves fine for the few-second lifetimes used here.
/// </para>
/// </summary>
public sealed class PortalCache : IDisposable
{
    private readonly MemoryCache _memory;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public PortalCache(TimeProvider clock, IOptions<PortalCacheOptions> options)
    {
        if (options.Value.MaxEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Caching:MaxEntries must be at least 1.");
        }
        _clock = clock;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });
    }

    private sealed record Entry(object? Value, string Tag, long Generation, DateTimeOffset ExpiresAt);

    /// <summary>Entries kept now, answerable or not (a test's view of the bound).</summary>
    public int Count => _memory.Count;

    /// <summary>
    /// The value kept under <paramref name="key"/>, or the one <paramref name="read"/> makes, kept for
    /// <paramref name="lifetime"/> (zero or less: never kept) unless the read says otherwise through its
    /// <see cref="PortalCacheRead"/> or a change to <paramref name="tag"/> overtook it.
    /// </summary>
    /// <param name="key">Equal keys name the same entry: a record of the module's own type keeps modules apart.</param>
    public async Task<T> GetOrReadAsync<T>(
        object key, string tag, TimeSpan lifetime, Func<PortalCacheRead, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken = default)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await read(new PortalCacheRead(DateTimeOffset.MinValue), cancellationToken);
        }
        var generation = _generations.GetValueOrDefault(tag);
        var now = _clock.GetUtcNow();
        if (_memory.TryGetValue(key, out Entry? known))
        {
            if (known!.Generation == generation && known.ExpiresAt > now)
            {
                return (T)known.Value!;
            }
            _memory.Remove(key);
        }

        var entry = new PortalCacheRead(now + lifetime);
        var value = await read(entry, cancellationToken);
        if (entry.Keep && entry.KeepUntil > now && _generations.GetValueOrDefault(tag) == generation)
        {
            // The memory's own expiry only frees the slot; whether an entry is answered is decided above, on this clock.
            _memory.Set(key, new Entry(value, tag, generation, entry.KeepUntil),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = entry.KeepUntil - now });
        }
        return value;
    }

    /// <summary>No entry of <paramref name="tag"/> is answered any more, and no read under way is kept.</summary>
    public void Invalidate(string tag) => _generations.AddOrUpdate(tag, 1, (_, generation) => generation + 1);

    public void Dispose() => _memory.Dispose();
}

/// <summary>What a read of <see cref="PortalCache.GetOrReadAsync{T}"/> may say about keeping its value.</summary>
public sealed class PortalCacheRead
{
    internal PortalCacheRead(DateTimeOffset keepUntil) => KeepUntil = keepUntil;

    internal bool Keep { get; private set; } = true;

    internal DateTimeOffset KeepUntil { get; private set; }

    /// <summary>The value holds no longer than <paramref name="until"/> (a lock it shows lapses then, say).</summary>
    public void KeepNoLongerThan(DateTimeOffset until)
    {
        if (until < KeepUntil)
        {
            KeepUntil = until;
        }
    }

    /// <summary>The value is answered but not kept (a missing row that may be created a moment later, say).</summary>
    public void DoNotKeep() => Keep = false;
}
