using System.Text;
using System.Text.RegularExpressions;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// Serbian Latin to Cyrillic, so that a module's sr-Latn texts give its sr-Cyrl ones. Serbian Latin maps one to one
/// onto Cyrillic, except the digraphs lj, nj and dž, which are one letter each (љ, њ, џ). What is not Serbian text
/// stays as it is: format placeholders ({0}, {0:d}), web and e-mail addresses, acronyms written in Latin capitals
/// (BPRG, PDF, D4D, EMinS; told apart from words only in text that is not all capitals) and foreign words with letters
/// Serbian does not have (q, w, x, y).
/// </summary>
public static partial class SerbianTransliterator
{
    /// <summary>
    /// Names that Serbian Cyrillic text writes in Latin script, as their owners do: products, services, file formats and
    /// the portal's own name. A name keeps its Latin letters with the case ending Serbian adds to it ("u Googleu"). Also
    /// "v" before a version number ("v{0}", "v2"), so a version reads the same in every language and script.
    /// </summary>
    public static readonly IReadOnlyList<string> LatinNames =
    [
        "Consortium Portal", "Microsoft Authenticator", "Google Authenticator", "Microsoft", "Google", "FreeOTP", "Aegis",
        "Authy", "Word", "Excel", "PowerPoint", "Office", "LibreOffice", "OpenDocument", "Markdown", "PDF", "Hangfire",
        "Kosovo–Serbia Policy Advocacy Group",
    ];

    private static readonly Regex LatinNamesPattern = new(
        @"(?<![\p{L}\p{N}])(?:" + string.Join("|", LatinNames.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")\p{L}*"
        + @"|(?<![\p{L}\p{N}])v(?=\{[^{}]*\}|\d)",
        RegexOptions.CultureInvariant);

    private static readonly Dictionary<char, char> Letters = new()
    {
        ['A'] = 'А', ['B'] = 'Б', ['C'] = 'Ц', ['Č'] = 'Ч', ['Ć'] = 'Ћ', ['D'] = 'Д', ['Đ'] = 'Ђ', ['E'] = 'Е',
        ['F'] = 'Ф', ['G'] = 'Г', ['H'] = 'Х', ['I'] = 'И', ['J'] = 'Ј', ['K'] = 'К', ['L'] = 'Л', ['M'] = 'М',
        ['N'] = 'Н', ['O'] = 'О', ['P'] = 'П', ['R'] = 'Р', ['S'] = 'С', ['Š'] = 'Ш', ['T'] = 'Т', ['U'] = 'У',
        ['V'] = 'В', ['Z'] = 'З', ['Ž'] = 'Ж',
        ['a'] = 'а', ['b'] = 'б', ['c'] = 'ц', ['č'] = 'ч', ['ć'] = 'ћ', ['d'] = 'д', ['đ'] = 'ђ', ['e'] = 'е',
        ['f'] = 'ф', ['g'] = 'г', ['h'] = 'х', ['i'] = 'и', ['j'] = 'ј', ['k'] = 'к', ['l'] = 'л', ['m'] = 'м',
        ['n'] = 'н', ['o'] = 'о', ['p'] = 'п', ['r'] = 'р', ['s'] = 'с', ['š'] = 'ш', ['t'] = 'т', ['u'] = 'у',
        ['v'] = 'в', ['z'] = 'з', ['ž'] = 'ж',
        // The single-character digraph ligatures some keyboards and converters produce.
        ['Ǆ'] = 'Џ', ['ǅ'] = 'Џ', ['ǆ'] = 'џ', ['Ǉ'] = 'Љ', ['ǈ'] = 'Љ', ['ǉ'] = 'љ', ['Ǌ'] = 'Њ', ['ǋ'] = 'Њ', ['ǌ'] = 'њ',
    };

    /// <summary>
    /// Word beginnings where the two letters of a digraph belong to different sounds (a prefix ending in d before ž,
    /// loan words with n-j), and the index in the word where no digraph may start.
    /// </summary>
    private static readonly (string Start, int SplitAt)[] NotDigraphs =
    [
        ("nadž", 2), ("odž", 1), ("podž", 2), ("predž", 3), ("međudž", 4),
        ("injek", 1), ("konjug", 2), ("konjunk", 2), ("vanjez", 2), ("tanjug", 2),
    ];

    public static string ToCyrillic(string latin)
    {
        ArgumentNullException.ThrowIfNull(latin);
        // The names that stay in Latin script split the text; what lies between them is transliterated.
        var names = LatinNamesPattern.Matches(latin);
        if (names.Count == 0)
        {
            return ToCyrillicPart(latin, !latin.Any(char.IsLower));
        }
        var capitalsOnly = !latin.Any(char.IsLower);
        var result = new StringBuilder(latin.Length);
        var position = 0;
        foreach (Match name in names)
        {
            result.Append(ToCyrillicPart(latin[position..name.Index], capitalsOnly)).Append(name.Value);
            position = name.Index + name.Length;
        }
        return result.Append(ToCyrillicPart(latin[position..], capitalsOnly)).ToString();
    }

    private static string ToCyrillicPart(string latin, bool capitalsOnly)
    {
        var result = new StringBuilder(latin.Length);
        var position = 0;
        foreach (Match match in Segments().Matches(latin))
        {
            result.Append(latin, position, match.Index - position);
            var word = match.Groups["word"];
            result.Append(word.Success && !StaysLatin(word.Value, capitalsOnly) ? TransliterateWord(word.Value) : match.Value);
            position = match.Index + match.Length;
        }
        result.Append(latin, position, latin.Length - position);
        return result.ToString();
    }

    private static bool StaysLatin(string word, bool capitalsOnly)
    {
        var capitals = 0;
        foreach (var c in word)
        {
            if (c is 'q' or 'w' or 'x' or 'y' or 'Q' or 'W' or 'X' or 'Y' || char.IsAsciiDigit(c))
            {
                return true;
            }
            if (char.IsAsciiLetterUpper(c))
            {
                capitals++;
            }
            else if (!char.IsAsciiLetter(c))
            {
                // Č, Ć, Đ, Š, Ž: only Serbian writes them, so the word is Serbian even in capitals (PAŽNJA).
                return false;
            }
        }
        // In a heading written all in capitals every word looks like an acronym; there they are taken for words.
        return capitals >= 2 && !capitalsOnly;
    }

    private static string TransliterateWord(string word)
    {
        var noDigraphAt = -1;
        foreach (var (start, splitAt) in NotDigraphs)
        {
            if (word.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            {
                noDigraphAt = splitAt;
                break;
            }
        }

        var result = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var digraph = i == noDigraphAt ? null : (char.ToLowerInvariant(c), char.ToLowerInvariant(next)) switch
            {
                ('l', 'j') => "љ",
                ('n', 'j') => "њ",
                ('d', 'ž') => "џ",
                _ => null,
            };
            if (digraph is not null)
            {
                // The case of the first letter decides: "Lj" and "LJ" are both Љ.
                result.Append(char.IsUpper(c) ? char.ToUpperInvariant(digraph[0]) : digraph[0]);
                i++;
            }
            else
            {
                result.Append(Letters.TryGetValue(c, out var cyrillic) ? cyrillic : c);
            }
        }
        return result.ToString();
    }

    // Order matters: an address or a placeholder is taken whole before its letters could be taken as words.
    [GeneratedRegex(@"(?<url>(?:https?|ftp)://[^\s<>""]+|www\.[^\s<>""]+)|(?<mail>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)|(?<placeholder>\{[^{}]*\})|(?<word>[\p{L}\p{N}]+)")]
    private static partial Regex Segments();
}
