using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Consortium.Portal.Documents;

/// <summary>
/// What changed between the texts of two versions, word by word (DiffPlex), for an inline and a side-by-side view. Every
/// character of both texts is kept, spaces and line breaks included: the unchanged and removed pieces spell the old text,
/// the unchanged and added ones the new. A change reads as one deletion followed by one insertion ("ID cards" gave way to
/// "diplomas"), never as words of the two texts interleaved.
/// </summary>
public static class VersionDiff
{
    public const string Same = "same";
    public const string Added = "added";
    public const string Removed = "removed";
    /// <summary>A line of the side-by-side view whose words changed: its <see cref="DiffLineDto.Pieces"/> say which.</summary>
    public const string Modified = "modified";
    /// <summary>A side-by-side gap, where the other side has a line this side has not.</summary>
    public const string Empty = "empty";

    public static VersionComparisonDto Compare(int fromNumber, string oldText, int toNumber, string newText)
    {
        var inline = Words(oldText, newText);
        var added = inline.Where(p => p.Kind == Added).Sum(p => CountWords(p.Text));
        var removed = inline.Where(p => p.Kind == Removed).Sum(p => CountWords(p.Text));

        var sideBySide = SideBySideDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false);
        var left = new List<DiffLineDto>();
        var right = new List<DiffLineDto>();
        for (var i = 0; i < Math.Max(sideBySide.OldText.Lines.Count, sideBySide.NewText.Lines.Count); i++)
        {
            var oldLine = i < sideBySide.OldText.Lines.Count ? sideBySide.OldText.Lines[i] : null;
            var newLine = i < sideBySide.NewText.Lines.Count ? sideBySide.NewText.Lines[i] : null;
            if (oldLine is { Type: ChangeType.Modified } && newLine is { Type: ChangeType.Modified })
            {
                var words = Words(oldLine.Text ?? "", newLine.Text ?? "");
                left.Add(new DiffLineDto(Modified, oldLine.Text ?? "", words.Where(p => p.Kind != Added).ToList()));
                right.Add(new DiffLineDto(Modified, newLine.Text ?? "", words.Where(p => p.Kind != Removed).ToList()));
                continue;
            }
            if (oldLine is not null) left.Add(ToLine(oldLine));
            if (newLine is not null) right.Add(ToLine(newLine));
        }
        return new VersionComparisonDto(fromNumber, toNumber, added, removed, inline, left, right);
    }

    /// <summary>A piece with a letter or digit in it counts as a word; spaces and punctuation do not.</summary>
    public static bool IsWord(string piece) => piece.Any(char.IsLetterOrDigit);

    private static int CountWords(string text) => Tokens.Chunk(text).Count(IsWord);

    /// <summary>The word diff of two texts: unchanged runs, and each change as its deletion then its insertion.</summary>
    private static List<DiffWordDto> Words(string oldText, string newText)
    {
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, Tokens);
        var raw = new List<DiffWordDto>();
        var oldPosition = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; oldPosition < block.DeleteStartA; oldPosition++) raw.Add(new(Same, result.PiecesOld[oldPosition]));
            for (var i = 0; i < block.DeleteCountA; i++) raw.Add(new(Removed, result.PiecesOld[block.DeleteStartA + i]));
            for (var i = 0; i < block.InsertCountB; i++) raw.Add(new(Added, result.PiecesNew[block.InsertStartB + i]));
            oldPosition = block.DeleteStartA + block.DeleteCountA;
        }
        for (; oldPosition < result.PiecesOld.Count; oldPosition++) raw.Add(new(Same, result.PiecesOld[oldPosition]));

        // A space (not a line break) left unchanged between two changes belongs to both: the change is "ID cards" to
        // "diplomas and", not "ID" to "diplomas" with an unchanged space between it and "cards" to "and".
        for (var i = 1; i < raw.Count - 1; i++)
        {
            if (raw[i].Kind == Same && IsSpace(raw[i].Text) && raw[i - 1].Kind != Same && raw[i + 1].Kind != Same)
            {
                raw[i] = raw[i] with { Kind = Removed };
                raw.Insert(i + 1, new(Added, raw[i].Text));
                i++;
            }
        }

        // Each run of changes becomes what it removed followed by what it added.
        var pieces = new List<DiffWordDto>();
        for (var i = 0; i < raw.Count;)
        {
            if (raw[i].Kind == Same)
            {
                var start = i;
                while (i < raw.Count && raw[i].Kind == Same) i++;
                pieces.Add(new(Same, string.Concat(raw.Skip(start).Take(i - start).Select(p => p.Text))));
                continue;
            }
            var run = new List<DiffWordDto>();
            while (i < raw.Count && raw[i].Kind != Same) run.Add(raw[i++]);
            var gone = string.Concat(run.Where(p => p.Kind == Removed).Select(p => p.Text));
            var come = string.Concat(run.Where(p => p.Kind == Added).Select(p => p.Text));
            if (gone.Length > 0) pieces.Add(new(Removed, gone));
            if (come.Length > 0) pieces.Add(new(Added, come));
        }
        return pieces;
    }

    private static bool IsSpace(string text) => text.Length > 0 && text.All(c => char.IsWhiteSpace(c) && c is not '\n' and not '\r');

    private static DiffLineDto ToLine(DiffPiece line) => new(line.Type switch
    {
        ChangeType.Deleted => Removed,
        ChangeType.Inserted => Added,
        ChangeType.Modified => Modified,
        ChangeType.Imaginary => Empty,
        _ => Same,
    }, line.Text ?? "");

    private static readonly TextTokens Tokens = new();

    /// <summary>
    /// Words, runs of white space (line breaks their own run) and single punctuation marks: everything of the text, so
    /// nothing is lost between two pieces. DiffPlex's own word chunker does not split at line breaks.
    /// </summary>
    private sealed class TextTokens : IChunker
    {
        private static readonly char[] Marks = ['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '“', '”', '„', '«', '»'];

        public IReadOnlyList<string> Chunk(string text)
        {
            var tokens = new List<string>();
            var start = 0;
            while (start < text.Length)
            {
                var kind = KindOf(text[start]);
                var end = start + 1;
                if (kind != TokenKind.Mark)
                {
                    while (end < text.Length && KindOf(text[end]) == kind) end++;
                }
                tokens.Add(text[start..end]);
                start = end;
            }
            return tokens;
        }

        private static TokenKind KindOf(char c) => c switch
        {
            '\n' or '\r' => TokenKind.LineBreak,
            _ when char.IsWhiteSpace(c) => TokenKind.Space,
            _ when Marks.Contains(c) => TokenKind.Mark,
            _ => TokenKind.Word,
        };

        private enum TokenKind { Word, Space, LineBreak, Mark }
    }
}
