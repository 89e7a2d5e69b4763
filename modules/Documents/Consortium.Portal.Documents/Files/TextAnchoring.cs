namespace Consortium.Portal.Documents;

/// <summary>
/// Anchors of comments and suggestions to passages of a version's text, kept the way annotation tools keep them: the
/// quote, a little text before and after it, and its offsets. Offsets alone break when text moves; the quote and its
/// context find the passage again, and an anchor whose quote is gone is reported, never guessed.
/// </summary>
public static class TextAnchoring
{
    public const int ContextLength = 32;

    /// <summary>The anchor of text[start..end]; null when the range is empty or outside the text.</summary>
    public static TextAnchorDto? Create(string text, int start, int end)
    {
        if (start < 0 || end > text.Length || end <= start || end - start > DocumentConsts.MaxQuoteLength)
        {
            return null;
        }
        return new TextAnchorDto(
            text[start..end],
            text[Math.Max(0, start - ContextLength)..start],
            text[end..Math.Min(text.Length, end + ContextLength)],
            start,
            end);
    }

    /// <summary>
    /// Checks an anchor a client sent against the text: the quote must be found, and its offsets are corrected to where
    /// it really is (the client's offsets may count differently).
    /// </summary>
    public static TextAnchorDto? Verify(string text, TextAnchorDto proposed)
        => Locate(text, proposed) is { } found ? Create(text, found.Start, found.End) : null;

    /// <summary>Where the anchored passage is in <paramref name="text"/>; null when its quote no longer occurs.</summary>
    public static (int Start, int End)? Locate(string text, TextAnchorDto anchor)
    {
        if (string.IsNullOrEmpty(anchor.Quote))
        {
            return null;
        }
        var start = anchor.Start;
        if (start >= 0 && start + anchor.Quote.Length <= text.Length
            && string.CompareOrdinal(text, start, anchor.Quote, 0, anchor.Quote.Length) == 0
            && Score(text, start, anchor) == anchor.Prefix.Length + anchor.Suffix.Length)
        {
            return (start, start + anchor.Quote.Length);
        }

        (int Start, int Score, int Distance)? best = null;
        for (var at = text.IndexOf(anchor.Quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(anchor.Quote, at + 1, StringComparison.Ordinal))
        {
            var score = Score(text, at, anchor);
            var distance = Math.Abs(at - anchor.Start);
            if (best is null || score > best.Value.Score || (score == best.Value.Score && distance < best.Value.Distance))
            {
                best = (at, score, distance);
            }
        }
        return best is { } b ? (b.Start, b.Start + anchor.Quote.Length) : null;
    }

    /// <summary>How many characters of the prefix (read backwards) and of the suffix agree with the text around a place.</summary>
    private static int Score(string text, int start, TextAnchorDto anchor)
    {
        var score = 0;
        for (int i = anchor.Prefix.Length - 1, t = start - 1; i >= 0 && t >= 0 && anchor.Prefix[i] == text[t]; i--, t--)
        {
            score++;
        }
        var end = start + anchor.Quote.Length;
        for (int i = 0, t = end; i < anchor.Suffix.Length && t < text.Length && anchor.Suffix[i] == text[t]; i++, t++)
        {
            score++;
        }
        return score;
    }
}

/// <summary>A suggested replacement to apply: which one, where it was made, and the new wording.</summary>
public sealed record SuggestedReplacement(Guid Id, TextAnchorDto Anchor, string Replacement);

/// <summary>The text after applying suggestions, and which could not be applied (their passage is gone, or overlaps another).</summary>
public sealed record SuggestionOutcome(string Text, IReadOnlyList<Guid> Applied, IReadOnlyList<Guid> Stale)
{
    /// <summary>Where each applied suggestion's passage was found in the text it was applied to.</summary>
    public IReadOnlyList<(Guid Id, int Start, int End)> Ranges { get; init; } = [];
}

public static class SuggestionApplication
{
    /// <summary>
    /// Applies the replacements to <paramref name="text"/>: each passage is found again by its anchor; one whose quote
    /// is gone, or that overlaps a passage already taken, is reported stale and left out; the rest apply together.
    /// </summary>
    public static SuggestionOutcome Apply(string text, IEnumerable<SuggestedReplacement> suggestions)
    {
        var located = new List<(SuggestedReplacement Suggestion, int Start, int End)>();
        var stale = new List<Guid>();
        foreach (var suggestion in suggestions)
        {
            if (TextAnchoring.Locate(text, suggestion.Anchor) is { } range)
            {
                located.Add((suggestion, range.Start, range.End));
            }
            else
            {
                stale.Add(suggestion.Id);
            }
        }

        var chosen = new List<(SuggestedReplacement Suggestion, int Start, int End)>();
        foreach (var candidate in located.OrderBy(l => l.Start).ThenBy(l => l.End))
        {
            if (chosen.Count > 0 && candidate.Start < chosen[^1].End)
            {
                stale.Add(candidate.Suggestion.Id);
                continue;
            }
            chosen.Add(candidate);
        }

        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (var (suggestion, start, end) in chosen)
        {
            result.Append(text, position, start - position).Append(suggestion.Replacement);
            position = end;
        }
        result.Append(text, position, text.Length - position);
        return new SuggestionOutcome(result.ToString(), chosen.Select(c => c.Suggestion.Id).ToList(), stale)
        {
            Ranges = chosen.Select(c => (c.Suggestion.Id, c.Start, c.End)).ToList(),
        };
    }
}
