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
