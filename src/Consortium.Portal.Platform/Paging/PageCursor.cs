using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Consortium.Portal.Platform.Paging;

/// <summary>
/// Where a page read by key starts: the sort keys of the last row of the page before (as text, the list's own format),
/// the number of the page it leads to, and the list's total as counted for its first page. Clients get it as an opaque
/// string (<see cref="PagedResult{T}.Next"/>) and send it back as <c>?after=</c>; it is not signed, since it only ever
/// narrows a query the caller may run anyway.
/// </summary>
public sealed record PageCursor(IReadOnlyList<string> Keys, int Page, int TotalCount)
{
    /// <summary>Longer cursors are refused unread (a name is at most a few hundred characters).</summary>
    public const int MaxLength = 2048;

    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Wire(Keys.ToArray(), Page, TotalCount), CursorJson.Default.Wire);
        return Base64Url.EncodeToString(json);
    }

    /// <summary>The cursor <paramref name="text"/> stands for, or null when it is not one this portal made.</summary>
    public static PageCursor? TryDecode(string? text, int keyCount)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }
        try
        {
            var wire = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), CursorJson.Default.Wire);
            return wire is { Keys: { } keys, Page: >= 2, TotalCount: >= 0 } && keys.Length == keyCount && keys.All(k => k is not null)
                ? new PageCursor(keys, wire.Page, wire.TotalCount)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    internal sealed record Wire(string[] Keys, int Page, int TotalCount);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PageCursor.Wire))]
internal sealed partial class CursorJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>A page to read by key: its size and number, and the cursor it starts after (null: the list's first page).</summary>
public readonly record struct KeysetPage(ResolvedPage Page, PageCursor? After);
