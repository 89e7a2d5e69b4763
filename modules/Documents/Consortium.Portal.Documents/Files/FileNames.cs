using System.Globalization;
using System.Text;

namespace Consortium.Portal.Documents;

/// <summary>
/// Makes a user's file name safe to show, store and offer as a download name. It is never a storage key: blobs are
/// named by the server.
/// </summary>
public static class FileNames
{
    // Characters Windows refuses in file names, plus both separators; any of them would make a download name fail somewhere.
    private static readonly char[] Forbidden = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    /// <summary>
    /// The last path segment of <paramref name="raw"/> (old browsers send whole paths), without control, format
    /// (bidirectional overrides) or forbidden characters, with runs of white space made one space, no leading or
    /// trailing dots and spaces, and at most <paramref name="maxLength"/> characters with the extension kept.
    /// Null when nothing usable remains (a name that is only an extension has no name).
    /// </summary>
    public static string? Clean(string? raw, int maxLength = DocumentConsts.MaxNameLength)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var name = raw.Normalize(NormalizationForm.FormC);
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        var previousWasSpace = false;
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || (rune.IsBmp && Array.IndexOf(Forbidden, (char)rune.Value) >= 0))
            {
                continue;
            }
            if (Rune.IsWhiteSpace(rune))
            {
                if (!previousWasSpace)
                {
                    builder.Append(' ');
                }
                previousWasSpace = true;
                continue;
            }
            previousWasSpace = false;
            builder.Append(rune.ToString());
        }

        var cleaned = builder.ToString().Trim(' ');
        var extension = Path.GetExtension(cleaned);
        // Dots and spaces at either end of the name proper: hidden files on Unix, dropped silently by Windows.
        var stem = cleaned[..^extension.Length].Trim(' ', '.');
        if (stem.Length == 0)
        {
            return null;
        }
        if (stem.Length + extension.Length > maxLength)
        {
            if (extension.Length >= maxLength / 2)
            {
                return null;
            }
            stem = TruncateByTextElements(stem, maxLength - extension.Length).TrimEnd(' ', '.');
        }
        return stem + extension;
    }

    /// <summary>Cuts at a whole character (never between a letter and its accent or the halves of a pair).</summary>
    private static string TruncateByTextElements(string text, int maxLength)
    {
        var result = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (result.Length + element.Length > maxLength)
            {
                break;
            }
            result.Append(element);
        }
        return result.ToString();
    }
}
