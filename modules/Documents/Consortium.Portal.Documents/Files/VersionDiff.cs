using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Consortium.Portal.Documents;

/// <summary>What changed between the texts of two versions, word by word (DiffPlex), for an inline and a side-by-side view.</summary>
public static class VersionDiff
{
    public const string Same = "same";
    public const string Added = "added";
    public const string Removed = "removed";

    public static VersionComparisonDto Compare(int fromNumber, string oldText, int toNumber, string newText)
    {
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var inline = new List<DiffWordDto>();
        int added = 0, removed = 0, oldPosition = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; oldPosition < block.DeleteStartA; oldPosition++)
            {
                Append(inline, Same, result.PiecesOld[oldPosition]);
            }
            for (var i = 0; i < block.DeleteCountA; i++)
            {
                var piece = result.PiecesOld[block.DeleteStartA + i];
                removed += IsWord(piece) ? 1 : 0;
                Append(inline, Removed, piece);
            }
            for (var i = 0; i < block.InsertCountB; i++)
            {
                var piece = result.PiecesNew[block.InsertStartB + i];
                added += IsWord(piece) ? 1 : 0;
                Append(inline, Added, piece);
            }
            oldPosition = block.DeleteStartA + block.DeleteCountA;
        }
        for (; oldPosition < result.PiecesOld.Count; oldPosition++)
        {
            Append(inline, Same, result.PiecesOld[oldPosition]);
        }

        var sideBySide = SideBySideDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false);
        return new VersionComparisonDto(fromNumber, toNumber, added, removed, inline,
            sideBySide.OldText.Lines.Select(ToLine).ToList(),
            sideBySide.NewText.Lines.Select(ToLine).ToList());
    }

    /// <summary>A piece with a letter or digit in it counts as a word; spaces and punctuation do not.</summary>
    public static bool IsWord(string piece) => piece.Any(char.IsLetterOrDigit);

    /// <summary>Runs of one kind are joined, so a reader (and the page) gets phrases, not single words.</summary>
    private static void Append(List<DiffWordDto> pieces, string kind, string text)
    {
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffWordDto(kind, text));
        }
    }

    private static DiffLineDto ToLine(DiffPiece line) => new(line.Type switch
    {
        ChangeType.Deleted => Removed,
        ChangeType.Inserted => Added,
        ChangeType.Modified => "modified",
        ChangeType.Imaginary => "empty",
        _ => Same,
    }, line.Text ?? "");
}
