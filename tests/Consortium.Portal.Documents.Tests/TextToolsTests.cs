using Consortium.Portal.Platform.Text;
namespace Consortium.Portal.Documents.Tests;

public class VersionDiffTests
{
    [Fact]
    public void Counts_the_words_added_and_removed()
    {
        var diff = VersionDiff.Compare(1, "The dialogue in Brussels resumed slowly.", 2, "The dialogue in Brussels resumed quickly and openly.");

        Assert.Equal(3, diff.AddedWords);
        Assert.Equal(1, diff.RemovedWords);
        Assert.Equal("The dialogue in Brussels resumed slowly.",
            string.Concat(diff.Inline.Where(p => p.Kind != VersionDiff.Added).Select(p => p.Text)));
        Assert.Equal("The dialogue in Brussels resumed quickly and openly.",
            string.Concat(diff.Inline.Where(p => p.Kind != VersionDiff.Removed).Select(p => p.Text)));
    }

    [Fact]
    public void Identical_texts_have_no_changes()
    {
        var diff = VersionDiff.Compare(1, "Same text.\nSecond line.", 2, "Same text.\nSecond line.");

        Assert.Equal(0, diff.AddedWords);
        Assert.Equal(0, diff.RemovedWords);
        Assert.All(diff.Inline, p => Assert.Equal(VersionDiff.Same, p.Kind));
        Assert.All(diff.Left.Concat(diff.Right), l => Assert.Equal(VersionDiff.Same, l.Kind));
    }

    [Fact]
    public void Side_by_side_lines_show_what_was_removed_and_added()
    {
        var diff = VersionDiff.Compare(1, "keep\nold line\nkeep too", 2, "keep\nkeep too\nnew line");

        Assert.Contains(diff.Left, l => l.Kind == VersionDiff.Removed && l.Text == "old line");
        Assert.Contains(diff.Right, l => l.Kind == VersionDiff.Added && l.Text == "new line");
    }

    public static TheoryData<string, string> Edits => new()
    {
        { "Citizens may travel with ID cards without further checks.", "Citizens may travel with diplomas and cards without checks." },
        { "The ID cards are recognised without further ado.", "The diplomas and cards are recognised without ado, as agreed." },
        { "Roundtables took place in Peja and Ferizaj.\nParticipants asked for more.", "Roundtables took place in Peja, Ferizaj and Novi Pazar.\nParticipants  asked for more meetings.\n" },
        { "one two three four five", "five four three two one" },
        { "", "A new text." },
        { "An old text.", "" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Every_character_of_both_texts_is_kept_spaces_included(string before, string after)
    {
        var diff = VersionDiff.Compare(1, before, 2, after);

        Assert.Equal(before, string.Concat(diff.Inline.Where(p => p.Kind != VersionDiff.Added).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(diff.Inline.Where(p => p.Kind != VersionDiff.Removed).Select(p => p.Text)));
        Assert.Equal(before, string.Join('\n', diff.Left.Where(l => l.Kind != VersionDiff.Empty).Select(l => l.Text)));
        Assert.Equal(after, string.Join('\n', diff.Right.Where(l => l.Kind != VersionDiff.Empty).Select(l => l.Text)));
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_change_reads_as_one_deletion_then_one_insertion_not_words_interleaved(string before, string after)
    {
        var diff = VersionDiff.Compare(1, before, 2, after);

        for (var i = 1; i < diff.Inline.Count; i++)
        {
            var (previous, piece) = (diff.Inline[i - 1], diff.Inline[i]);
            // Added after removed is the one order inside a change; two pieces of one kind in a row would be one piece.
            Assert.False(previous.Kind == piece.Kind, $"two {piece.Kind} pieces in a row at {i}");
            Assert.False(previous.Kind == VersionDiff.Added && piece.Kind == VersionDiff.Removed, $"a deletion after an insertion at {i}");
            // A space between two changes belongs to the change: "ID cards" gave way to "diplomas and", not "ID" to "diplomas".
            if (i + 1 < diff.Inline.Count && piece.Kind == VersionDiff.Same && string.IsNullOrWhiteSpace(piece.Text) && !piece.Text.Contains('\n'))
            {
                Assert.False(previous.Kind != VersionDiff.Same && diff.Inline[i + 1].Kind != VersionDiff.Same, $"a lone space between changes at {i}");
            }
        }
    }

    [Fact]
    public void A_replaced_phrase_keeps_its_spaces_and_the_words_around_it()
    {
        var diff = VersionDiff.Compare(1, "Citizens may travel with ID cards without further checks.", 2, "Citizens may travel with diplomas and cards without checks.");

        Assert.Equal(
            [
                new DiffWordDto(VersionDiff.Same, "Citizens may travel with "),
                new DiffWordDto(VersionDiff.Removed, "ID"),
                new DiffWordDto(VersionDiff.Added, "diplomas and"),
                new DiffWordDto(VersionDiff.Same, " cards without"),
                new DiffWordDto(VersionDiff.Removed, " further"),
                new DiffWordDto(VersionDiff.Same, " checks."),
            ],
            diff.Inline);
        Assert.Equal(2, diff.AddedWords);
        Assert.Equal(2, diff.RemovedWords);
    }

    [Fact]
    public void A_line_changed_in_a_few_words_shows_those_words_on_each_side()
    {
        var diff = VersionDiff.Compare(1, "keep\nRoundtables in Peja and Ferizaj.\nkeep too", 2, "keep\nRoundtables in Peja, Ferizaj and Novi Pazar.\nkeep too");

        var left = Assert.Single(diff.Left, l => l.Kind == VersionDiff.Modified);
        var right = Assert.Single(diff.Right, l => l.Kind == VersionDiff.Modified);
        Assert.Equal("Roundtables in Peja and Ferizaj.", string.Concat(left.Pieces!.Select(p => p.Text)));
        Assert.Equal("Roundtables in Peja, Ferizaj and Novi Pazar.", string.Concat(right.Pieces!.Select(p => p.Text)));
        Assert.DoesNotContain(left.Pieces!, p => p.Kind == VersionDiff.Added);
        Assert.DoesNotContain(right.Pieces!, p => p.Kind == VersionDiff.Removed);
        Assert.Contains(right.Pieces!, p => p.Kind == VersionDiff.Added && p.Text.Contains("Novi Pazar", StringComparison.Ordinal));
        Assert.Contains(left.Pieces!, p => p.Kind == VersionDiff.Same && p.Text.Contains("Roundtables in Peja", StringComparison.Ordinal));
        Assert.All(diff.Left.Concat(diff.Right).Where(l => l.Kind != VersionDiff.Modified), l => Assert.Null(l.Pieces));
    }

    [Fact]
    public void Punctuation_and_spaces_are_not_counted_as_words()
    {
        var diff = VersionDiff.Compare(1, "Yes", 2, "Yes, , ,");

        Assert.Equal(0, diff.AddedWords);
    }
}

public class TextAnchoringTests
{
    private const string Text = "The consortium met in Gjilan. The consortium agreed on a joint report. The report follows.";

    [Fact]
    public void An_anchor_keeps_the_quote_and_its_context()
    {
        var start = Text.IndexOf("agreed", StringComparison.Ordinal);

        var anchor = TextAnchoring.Create(Text, start, start + "agreed on".Length)!;

        Assert.Equal("agreed on", anchor.Quote);
        Assert.EndsWith("The consortium ", anchor.Prefix);
        Assert.StartsWith(" a joint report", anchor.Suffix);
    }

    [Fact]
    public void A_repeated_quote_is_told_apart_by_its_context()
    {
        var second = Text.IndexOf("The consortium", 5, StringComparison.Ordinal);
        var anchor = TextAnchoring.Create(Text, second, second + "The consortium".Length)!;
        var edited = "Preface added. " + Text;

        var found = TextAnchoring.Locate(edited, anchor);

        Assert.Equal(second + "Preface added. ".Length, found!.Value.Start);
    }

    [Fact]
    public void A_quote_that_is_gone_is_not_found()
    {
        var anchor = TextAnchoring.Create(Text, 4, 14)!;

        Assert.Null(TextAnchoring.Locate("Entirely different text.", anchor));
    }

    [Fact]
    public void Offsets_sent_by_a_client_are_corrected_to_where_the_quote_is()
    {
        var verified = TextAnchoring.Verify(Text, new TextAnchorDto("joint report", "", "", 0, 12))!;

        Assert.Equal(Text.IndexOf("joint report", StringComparison.Ordinal), verified.Start);
        Assert.Equal("joint report", Text[verified.Start..verified.End]);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(-1, 3)]
    [InlineData(10, 1000)]
    public void An_empty_or_outside_range_has_no_anchor(int start, int end)
    {
        Assert.Null(TextAnchoring.Create(Text, start, end));
    }
}

public class SuggestionApplicationTests
{
    private const string Text = "Roundtables took place in Peja and Ferizaj. Participants asked for more meetings.";

    private static SuggestedReplacement Suggest(string quote, string replacement, string? text = null)
    {
        text ??= Text;
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return new SuggestedReplacement(Guid.NewGuid(), TextAnchoring.Create(text, start, start + quote.Length)!, replacement);
    }

    [Fact]
    public void Accepted_suggestions_replace_their_passages()
    {
        var a = Suggest("Peja and Ferizaj", "Peja, Ferizaj and Novi Pazar");
        var b = Suggest("more meetings", "regular meetings");

        var outcome = SuggestionApplication.Apply(Text, [b, a]);

        Assert.Equal("Roundtables took place in Peja, Ferizaj and Novi Pazar. Participants asked for regular meetings.", outcome.Text);
        Assert.Equal([a.Id, b.Id], outcome.Applied);
        Assert.Empty(outcome.Stale);
    }

    [Fact]
    public void A_suggestion_whose_passage_is_gone_is_reported_not_applied()
    {
        var stale = Suggest("Peja and Ferizaj", "Peja");
        var current = Text.Replace("Peja and Ferizaj", "Kraljevo", StringComparison.Ordinal);
        var fresh = Suggest("more meetings", "fewer meetings", current);

        var outcome = SuggestionApplication.Apply(current, [stale, fresh]);

        Assert.Equal([stale.Id], outcome.Stale);
        Assert.Equal([fresh.Id], outcome.Applied);
        Assert.Contains("Kraljevo", outcome.Text);
        Assert.Contains("fewer meetings", outcome.Text);
    }

    [Fact]
    public void Of_two_overlapping_suggestions_the_second_is_reported()
    {
        var first = Suggest("Peja and Ferizaj", "Peja");
        var overlapping = Suggest("Ferizaj. Participants", "Ferizaj. Citizens");

        var outcome = SuggestionApplication.Apply(Text, [first, overlapping]);

        Assert.Equal([first.Id], outcome.Applied);
        Assert.Equal([overlapping.Id], outcome.Stale);
    }
}

public class MarkdownRenderingTests
{
    private readonly MarkdownRendering _markdown = new();

    [Fact]
    public void Markdown_becomes_html()
    {
        var html = _markdown.ToHtml("# Title\n\nSome *emphasis* and a [link](https://bprg.example).");

        Assert.Contains("<h1", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("href=\"https://bprg.example\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Nothing_that_runs_script_survives(string markdown)
    {
        var html = _markdown.ToHtml(markdown);

        // Raw HTML may stay as escaped text; no element may carry script.
        Assert.DoesNotMatch("(?i)<script", html);
        Assert.DoesNotMatch("(?i)<[^>]*\\son\\w+\\s*=", html);
        Assert.DoesNotMatch("(?i)(href|src)\\s*=\\s*\"(javascript|data):", html);
    }
}
