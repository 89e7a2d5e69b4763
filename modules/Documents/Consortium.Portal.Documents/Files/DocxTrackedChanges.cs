using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Consortium.Portal.Documents;

/// <summary>An accepted suggestion to write into a .docx: the passage of its text to replace, by whom and when.</summary>
public sealed record TrackedReplacement(Guid Id, int Start, int End, string Replacement, string Author, DateTime DateUtc);

/// <summary>
/// Writes accepted suggestions into a Word document as tracked changes, the way Word records a revision: the runs of
/// the passage are wrapped in w:del (their text becomes w:delText) and the new wording follows in a w:ins run with the
/// first deleted run's formatting, both attributed to the suggester with the date. Word users then see the change as a
/// normal revision to accept or reject. Offsets are those of <see cref="TextExtraction"/>'s text, where deleted text is
/// not and inserted text is, so the new version's text is the text with the replacements made.
/// <para>
/// A passage may run over the end of a paragraph into the next, as Word's own revisions do: the paragraph's mark is then
/// a tracked deletion (w:del in its w:pPr/w:rPr), and the text reads the two paragraphs as one, as Word's final view
/// shows them (<see cref="DocxParagraphs.EndIsDeleted"/>). Only paragraphs of the body itself are joined, and only with
/// the paragraph that follows them: a passage into a table cell, a text box or the document's last paragraph is left
/// out and reported, as a stale suggestion is, and refused when it is suggested (<see cref="CanApply"/>).
/// </para>
/// </summary>
public static class DocxTrackedChanges
{
    /// <summary>Applies the replacements (they must not overlap) to the package; answers those applied.</summary>
    /// <param name="package">An editable, seekable copy of the .docx; it holds the new document afterwards.</param>
    public static IReadOnlyList<Guid> Apply(Stream package, IReadOnlyList<TrackedReplacement> changes)
    {
        var applied = new List<Guid>();
        using (var document = WordprocessingDocument.Open(package, isEditable: true))
        {
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return applied;
            }
            var nextId = NextRevisionId(body);
            // From the end: a change moves only the offsets after it.
            foreach (var change in changes.OrderByDescending(c => c.Start))
            {
                if (ApplyOne(body, change, ref nextId))
                {
                    applied.Add(change.Id);
                }
            }
            document.MainDocumentPart!.Document!.Save();
        }
        return applied;
    }

    /// <summary>Whether a replacement of the passage from <paramref name="start"/> to <paramref name="end"/> could be written into the package.</summary>
    /// <param name="package">A seekable copy of the .docx; it is only read.</param>
    public static bool CanApply(Stream package, int start, int end)
    {
        using var document = WordprocessingDocument.Open(package, isEditable: false);
        return document.MainDocumentPart?.Document?.Body is { } body && Covered(body, start, end) is not null;
    }

    /// <summary>A piece of the text: a w:t, w:tab or w:br in a run (or a paragraph's end), where it starts and how long it is.</summary>
    private sealed record Piece(OpenXmlElement? Element, W.Paragraph Paragraph, int Start, int Length);

    /// <summary>The pieces of the text in the order <see cref="TextExtraction"/> reads them.</summary>
    private static List<Piece> Pieces(W.Body body)
    {
        var pieces = new List<Piece>();
        var offset = 0;
        foreach (var paragraph in body.Descendants<W.Paragraph>())
        {
            foreach (var element in paragraph.Descendants())
            {
                var length = element switch
                {
                    W.Text t => t.Text.Length,
                    W.TabChar or W.Break => 1,
                    _ => -1,
                };
                if (length < 0)
                {
                    continue;
                }
                pieces.Add(new Piece(element, paragraph, offset, length));
                offset += length;
            }
            // A paragraph whose mark is deleted runs on into the next one: its end is no text.
            var end = DocxParagraphs.EndIsDeleted(paragraph) ? 0 : 1;
            pieces.Add(new Piece(null, paragraph, offset, end));
            offset += end;
        }
        return pieces;
    }

    /// <summary>The pieces a passage covers; null when a tracked change cannot replace it (see the class's remarks).</summary>
    private static List<Piece>? Covered(W.Body body, int start, int end)
    {
        if (end <= start)
        {
            return null;
        }
        var covered = Pieces(body).Where(p => p.Length > 0 && p.Start < end && p.Start + p.Length > start).ToList();
        if (covered.Count == 0)
        {
            return null;
        }
        // Each text piece in its paragraph's own runs (not a text box's) and not already deleted.
        if (covered.Any(p => p.Element is not null && (p.Element.Parent is not W.Run run
                             || run.Ancestors<W.Paragraph>().First() != p.Paragraph || run.Ancestors<W.DeletedRun>().Any())))
        {
            return null;
        }
        // A paragraph's end is deleted only between two paragraphs of the body, the next one being the one that follows it.
        if (covered.Any(p => p.Element is null && (p.Paragraph.Parent is not W.Body
                             || p.Paragraph.ElementsAfter().FirstOrDefault(e => e is W.Paragraph or W.Table or W.SdtBlock) is not W.Paragraph)))
        {
            return null;
        }
        if (covered.Select(p => p.Paragraph).Distinct().Count() > 1 && covered.Any(p => p.Paragraph.Parent is not W.Body))
        {
            return null;
        }
        return covered;
    }

    private static bool ApplyOne(W.Body body, TrackedReplacement change, ref int nextId)
    {
        if (Covered(body, change.Start, change.End) is not { } covered)
        {
            return false;
        }
        var endings = covered.Where(p => p.Element is null).Select(p => p.Paragraph).ToList();

        // Runs split so that the passage is whole runs (the end first: splitting there leaves the start's offsets alone).
        SplitAt(body, change.End);
        SplitAt(body, change.Start);
        var runs = Pieces(body)
            .Where(p => p.Element is not null && p.Length > 0 && p.Start >= change.Start && p.Start + p.Length <= change.End)
            .Select(p => (W.Run)p.Element!.Parent!)
            .Distinct()
            .ToList();
        // Every piece of those runs must be inside the passage (a run that could not be split is not deleted whole).
        if ((runs.Count == 0 && endings.Count == 0) || Pieces(body).Any(p => p.Element?.Parent is W.Run r && runs.Contains(r) && (p.Start < change.Start || p.Start + p.Length > change.End)))
        {
            return false;
        }

        var date = new DateTimeValue(DateTime.SpecifyKind(change.DateUtc, DateTimeKind.Utc));
        var formatting = runs.FirstOrDefault()?.RunProperties?.CloneNode(true) as W.RunProperties;
        OpenXmlElement? lastDeletion = null;
        foreach (var run in runs)
        {
            foreach (var text in run.Elements<W.Text>().ToList())
            {
                text.InsertAfterSelf(new W.DeletedText(text.Text) { Space = SpaceProcessingModeValues.Preserve });
                text.Remove();
            }
            var deletion = new W.DeletedRun { Id = (nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), Author = change.Author, Date = date };
            run.InsertBeforeSelf(deletion);
            run.Remove();
            deletion.AppendChild(run);
            lastDeletion = deletion;
        }
        foreach (var paragraph in endings)
        {
            var properties = paragraph.ParagraphProperties ??= new W.ParagraphProperties();
            var mark = properties.ParagraphMarkRunProperties ??= new W.ParagraphMarkRunProperties();
            // w:ins and w:del come first in a paragraph mark's properties, in that order.
            var deleted = new W.Deleted { Id = (nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), Author = change.Author, Date = date };
            if (mark.GetFirstChild<W.Inserted>() is { } inserted)
            {
                inserted.InsertAfterSelf(deleted);
            }
            else
            {
                mark.PrependChild(deleted);
            }
        }
        if (change.Replacement.Length > 0)
        {
            var inserted = new W.Run();
            if (formatting is not null)
            {
                inserted.AppendChild(formatting);
            }
            var lines = change.Replacement.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    inserted.AppendChild(new W.Break());
                }
                if (lines[i].Length > 0)
                {
                    inserted.AppendChild(new W.Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
                }
            }
            var insertion = new W.InsertedRun(inserted) { Id = (nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), Author = change.Author, Date = date };
            if (lastDeletion is not null)
            {
                lastDeletion.InsertAfterSelf(insertion);
            }
            else
            {
                // Only a paragraph's end was replaced: the new words stand where it was, at the end of that paragraph.
                endings[0].AppendChild(insertion);
            }
        }
        return true;
    }

    /// <summary>Splits the run holding the text at <paramref name="at"/> so that a run starts there (nothing to do at a run's edge).</summary>
    private static void SplitAt(W.Body body, int at)
    {
        foreach (var piece in Pieces(body))
        {
            if (piece.Element is null)
            {
                continue;
            }
            if (piece.Start > at)
            {
                return;
            }
            if (piece.Element is W.Text text && piece.Start < at && at < piece.Start + piece.Length)
            {
                SplitText(text, at - piece.Start);
                return;
            }
            if (piece.Start == at && piece.Length > 0 && piece.Element.Parent is W.Run)
            {
                SplitBefore(piece.Element);
                return;
            }
        }
    }

    /// <summary>Cuts a run in two after <paramref name="keep"/> characters of one of its texts.</summary>
    private static void SplitText(W.Text text, int keep)
    {
        if (keep <= 0 || keep >= text.Text.Length)
        {
            if (keep <= 0)
            {
                SplitBefore(text);
            }
            else
            {
                SplitAfter(text);
            }
            return;
        }
        var tail = text.Text[keep..];
        text.Text = text.Text[..keep];
        text.Space = SpaceProcessingModeValues.Preserve;
        var rest = new W.Text(tail) { Space = SpaceProcessingModeValues.Preserve };
        text.InsertAfterSelf(rest);
        SplitBefore(rest);
    }

    /// <summary>Moves <paramref name="element"/> and what follows it in its run into a new run with the same formatting, just after.</summary>
    private static void SplitBefore(OpenXmlElement element)
    {
        var run = (W.Run)element.Parent!;
        var content = run.ChildElements.Where(c => c is not W.RunProperties).ToList();
        var index = content.IndexOf(element);
        if (index <= 0)
        {
            return;
        }
        var next = new W.Run();
        if (run.RunProperties is { } properties)
        {
            next.AppendChild(properties.CloneNode(true));
        }
        foreach (var moved in content.Skip(index))
        {
            moved.Remove();
            next.AppendChild(moved);
        }
        run.InsertAfterSelf(next);
    }

    private static void SplitAfter(OpenXmlElement element)
    {
        if (element.NextSibling() is { } following)
        {
            SplitBefore(following);
        }
    }

    /// <summary>A revision id above every id the document's revisions, comments and bookmarks use.</summary>
    private static int NextRevisionId(W.Body body)
    {
        var highest = 0;
        foreach (var element in body.Descendants())
        {
            foreach (var attribute in element.GetAttributes())
            {
                if (attribute.LocalName == "id" && int.TryParse(attribute.Value, out var id) && id > highest)
                {
                    highest = id;
                }
            }
        }
        return highest + 1;
    }
}
