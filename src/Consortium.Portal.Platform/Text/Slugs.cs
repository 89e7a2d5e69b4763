using System.Globalization;
using System.Text;

namespace Consortium.Portal.Platform.Text;

/// <summary>
/// A public address of a thing (a publication, a training material): its title in plain ASCII, and a piece of its id so
/// two titles never collide.
/// </summary>
public static class Slugs
{
    public static string For(string title, Guid id)
    {
        var folded = new StringBuilder();
        foreach (var c in title.Replace("đ", "dj").Replace("Đ", "Dj").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            folded.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var words = string.Join('-', folded.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (words.Length > 80)
        {
            words = words[..80].TrimEnd('-');
        }
        var suffix = id.ToString("N")[^8..];
        return words.Length == 0 ? suffix : words + "-" + suffix;
    }
}
