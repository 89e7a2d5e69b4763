using System.Text.Json;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// Whether a form holds changes not yet saved: the JSON of what the page would send (its request, or the fields it
/// builds the request from, e.g. <c>(_title, _summary, _tags)</c>) as last loaded or saved, compared with the JSON of
/// what it would send now. Comparing what would be sent, not which fields were touched, means a text typed and typed
/// back counts as no change, and a page needs no change events of its own:
/// <code>
/// private readonly FormSnapshot _saved = new();
/// private object Edited() =&gt; (_title, _summary, _tags);
/// // once loaded, and after each successful save: _saved.Take(Edited());
/// &lt;UnsavedChangesGuard HasUnsavedChanges="() =&gt; Saving || _saved.Differs(Edited())" /&gt;
/// </code>
/// </summary>
public sealed class FormSnapshot
{
    // Fields too, so a value tuple of the page's fields can be what is compared.
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private string? _saved;

    /// <summary>
    /// Takes <paramref name="edited"/> as saved: call it once the form is loaded (or made empty, for a new thing) and
    /// after each successful save, before navigating on.
    /// </summary>
    public void Take(object? edited) => _saved = JsonSerializer.Serialize(edited, Json);

    /// <summary>Forgets what was saved: nothing differs until the next <see cref="Take"/> (the form is gone, or not loaded yet).</summary>
    public void Clear() => _saved = null;

    /// <summary>True when <paramref name="edited"/> differs from what was last taken; false before any <see cref="Take"/>.</summary>
    public bool Differs(object? edited)
        => _saved is not null && !string.Equals(_saved, JsonSerializer.Serialize(edited, Json), StringComparison.Ordinal);
}
