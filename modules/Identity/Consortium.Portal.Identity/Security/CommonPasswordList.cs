using System.Text;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// The refused passwords, base words and keyboard walks shipped in <c>CommonPasswords.txt</c>, and the rules that
/// match a password against them. Loaded once; matching never allocates more than a few short strings.
/// </summary>
internal sealed class CommonPasswordList
{
    private const string ResourceName = "Consortium.Portal.Identity.Security.CommonPasswords.txt";

    private static readonly Lazy<CommonPasswordList> Shipped = new(() => Parse(ReadShippedText()));

    private readonly HashSet<string> _passwords;
    private readonly HashSet<string> _words;
    private readonly List<string> _walks;

    private CommonPasswordList(HashSet<string> passwords, HashSet<string> words, List<string> walks)
    {
        _passwords = passwords;
        _words = words;
        _walks = walks;
    }

    public static CommonPasswordList Default => Shipped.Value;

    public int PasswordCount => _passwords.Count;
    public int WordCount => _words.Count;
    public int WalkCount => _walks.Count;

    public static CommonPasswordList Parse(string text)
    {
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var walks = new List<string>();
        HashSet<string>? target = null;
        var inWalks = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            switch (line)
            {
                case "[passwords]": target = passwords; inWalks = false; continue;
                case "[words]": target = words; inWalks = false; continue;
                case "[walks]": target = null; inWalks = true; continue;
            }
            var entry = line.ToLowerInvariant();
            if (inWalks)
            {
                walks.Add(entry);
            }
            else if (target == words)
            {
                words.Add(LettersOf(entry));
            }
            else
            {
                (target ?? throw new FormatException($"'{line}' comes before any section of the common password list."))
                    .Add(entry);
            }
        }
        return new CommonPasswordList(passwords, words, walks);
    }

    /// <summary>Whether <paramref name="password"/> is on the list, is a listed word dressed up, a keyboard walk or a trivial sequence.</summary>
    public bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (_passwords.Contains(lower) || IsRepetition(lower, out _) || IsSequence(lower))
        {
            return true;
        }
        foreach (var walk in _walks)
        {
            if (walk.Contains(lower, StringComparison.Ordinal) || Reverse(walk).Contains(lower, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return IsDressedUpWord(LettersOf(lower)) || IsDressedUpWord(LettersOf(Undisguise(TrimToLetters(lower))));
    }

    private bool IsDressedUpWord(string letters)
    {
        if (letters.Length == 0)
        {
            return false;
        }
        if (_words.Contains(letters))
        {
            return true;
        }
        return IsRepetition(letters, out var unit) && _words.Contains(unit);
    }

    /// <summary>"abcabcabc" is "abc" three times; the shortest unit is returned.</summary>
    internal static bool IsRepetition(string value, out string unit)
    {
        for (var length = 1; length <= value.Length / 2; length++)
        {
            if (value.Length % length != 0)
            {
                continue;
            }
            var candidate = value[..length];
            var repeated = true;
            for (var i = length; i < value.Length && repeated; i += length)
            {
                repeated = string.CompareOrdinal(value, i, candidate, 0, length) == 0;
            }
            if (repeated)
            {
                unit = candidate;
                return true;
            }
        }
        unit = value;
        return false;
    }

    /// <summary>Runs such as 1234567890123 or zyxwvutsrqpo: each character one step from the last, in one direction.</summary>
    internal static bool IsSequence(string value)
    {
        if (value.Length < 3)
        {
            return false;
        }
        foreach (var direction in new[] { 1, -1 })
        {
            var all = true;
            for (var i = 1; i < value.Length && all; i++)
            {
                all = Step(value[i - 1], direction) == value[i];
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    private static char Step(char c, int direction) => c switch
    {
        >= '0' and <= '9' => (char)('0' + (((c - '0') + direction + 10) % 10)),
        >= 'a' and <= 'z' => (char)(c + direction),
        _ => '\0',
    };

    private static string LettersOf(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetter(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Drops the digits and symbols people add before and after a word ("!!Password2026").</summary>
    private static string TrimToLetters(string value)
    {
        var start = 0;
        var end = value.Length;
        // '@' opens words such as "@dmin"; other leading symbols are decoration.
        while (start < end && !char.IsLetter(value[start]) && value[start] != '@') start++;
        while (end > start && !char.IsLetter(value[end - 1])) end--;
        return value[start..end];
    }

    /// <summary>Undoes look-alike substitutions inside a word: p@ssw0rd, s3cr3t, pa$$word.</summary>
    private static string Undisguise(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '3' => 'e',
                '$' or '5' => 's',
                '7' or '+' => 't',
                '1' or '!' => 'i',
                '8' => 'b',
                _ => c,
            });
        }
        return builder.ToString();
    }

    private static string Reverse(string value)
    {
        var chars = value.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string ReadShippedText()
    {
        using var stream = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the Identity module.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
