using System.Globalization;
using System.Text;

namespace Consortium.Portal.Platform.Text;

/// <summary>
/// A public address of a thing (a publication, a training material, a collection): its title in plain ASCII, and a piece
/// of its id so two titles never collide. Serbian Cyrillic is written in Serbian Latin first, so a Cyrillic title reads
/// as it does in Latin; the accents of Latin letters (č, ć, š, ž, ë, ç) are then dropped.
/// </summary>
public static class Slugs
{
    /// <summary>Serbian Cyrillic letters as Serbian Latin writes them (the accents are dropped afterwards).</summary>
    private static readonly Dictionary<char, string> SerbianCyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['ђ'] = "đ", ['е'] = "e", ['ж'] = "ž", ['з'] = "z",
        ['и'] = "i", ['ј'] = "j", ['к'] = "k", ['л'] = "l", ['љ'] = "lj", ['м'] = "m", ['н'] = "n", ['њ'] = "nj", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['ћ'] = "ć", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "c",
        ['ч'] = "č", ['џ'] = "dž", ['ш'] = "š",
    };

    public static string For(string title, Guid id)
    {
        var latin = new StringBuilder(title.Length);
        foreach (var c in title)
        {
            // Lower case first: a slug is lower case anyway, and one table then serves both cases.
            latin.Append(SerbianCyrillic.TryGetValue(char.ToLowerInvariant(c), out var letters) ? letters : c.ToString());
        }
        var folded = new StringBuilder();
        foreach (var c in latin.ToString().Replace("đ", "dj").Replace("Đ", "Dj").Normalize(NormalizationForm.FormD))
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
