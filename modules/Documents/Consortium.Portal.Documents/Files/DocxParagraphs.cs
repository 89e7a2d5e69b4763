using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Consortium.Portal.Documents;

/// <summary>How the text, the preview and tracked changes agree on where a Word paragraph ends.</summary>
internal static class DocxParagraphs
{
    /// <summary>
    /// Whether the paragraph's mark is a tracked deletion (w:del in its w:pPr/w:rPr): Word's final view then joins it to
    /// the next paragraph, and so does the text, with no newline between them.
    /// </summary>
    public static bool EndIsDeleted(W.Paragraph paragraph)
        => paragraph.ParagraphProperties?.ParagraphMarkRunProperties?.GetFirstChild<W.Deleted>() is not null;
}
