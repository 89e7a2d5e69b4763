namespace Consortium.Portal.Meetings.Components;

/// <summary>
/// A form's choices over a record that may be reloaded while the form is open: the meeting page reloads the meeting on
/// its own save, on another organiser's change and on every live push (meetings.meeting), and the attendance marks an
/// organiser has made but not saved must survive that. A choice changed here since the last load is kept; every other
/// one takes the value just loaded.
/// </summary>
internal static class UnsavedChoices
{
    /// <param name="mine">The form's values now.</param>
    /// <param name="loadedBefore">The values as last loaded, which the form started from.</param>
    /// <param name="loadedNow">The values just loaded.</param>
    public static Dictionary<TKey, TValue> Merge<TKey, TValue>(
        IReadOnlyDictionary<TKey, TValue> mine, IReadOnlyDictionary<TKey, TValue> loadedBefore, IReadOnlyDictionary<TKey, TValue> loadedNow)
        where TKey : notnull where TValue : struct
    {
        var merged = new Dictionary<TKey, TValue>();
        foreach (var key in mine.Keys.Union(loadedBefore.Keys).Union(loadedNow.Keys))
        {
            if (Merge(Find(mine, key), Find(loadedBefore, key), Find(loadedNow, key)) is { } value)
            {
                merged[key] = value;
            }
        }
        return merged;
    }

    /// <summary>One value (absent: null): the form's own if it changed it since the last load, else the one just loaded.</summary>
    public static TValue? Merge<TValue>(TValue? mine, TValue? loadedBefore, TValue? loadedNow) where TValue : struct
        => EqualityComparer<TValue?>.Default.Equals(mine, loadedBefore) ? loadedNow : mine;

    private static TValue? Find<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> values, TKey key) where TKey : notnull where TValue : struct
        => values.TryGetValue(key, out var value) ? value : null;
}
