namespace Consortium.Portal.Documents;

/// <summary>One allowed kind of file: the extensions it goes by, the content type it is served with, and what it holds.</summary>
/// <param name="HasText">Whether it has text for diffs, anchors and search (its own, or extracted by a job).</param>
/// <param name="IsOwnText">Markdown and plain text: the content is the text, and suggested edits apply to it.</param>
/// <param name="ShownInline">Images and PDF are shown by the browser itself.</param>
public sealed record DocumentFileTypeInfo(
    DocumentFileType Type,
    IReadOnlyList<string> Extensions,
    string ContentType,
    bool HasText,
    bool IsOwnText,
    bool ShownInline);

/// <summary>The allow-list of uploadable files. A file is accepted only when its extension and its content agree.</summary>
public static class DocumentFileTypes
{
    public static readonly IReadOnlyList<DocumentFileTypeInfo> All =
    [
        new(DocumentFileType.Docx, [".docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document", HasText: true, IsOwnText: false, ShownInline: false),
        new(DocumentFileType.Xlsx, [".xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", HasText: false, IsOwnText: false, ShownInline: false),
        new(DocumentFileType.Pptx, [".pptx"], "application/vnd.openxmlformats-officedocument.presentationml.presentation", HasText: false, IsOwnText: false, ShownInline: false),
        new(DocumentFileType.Odt, [".odt"], "application/vnd.oasis.opendocument.text", HasText: true, IsOwnText: false, ShownInline: false),
        new(DocumentFileType.Pdf, [".pdf"], "application/pdf", HasText: true, IsOwnText: false, ShownInline: true),
        new(DocumentFileType.Png, [".png"], "image/png", HasText: false, IsOwnText: false, ShownInline: true),
        new(DocumentFileType.Jpeg, [".jpg", ".jpeg"], "image/jpeg", HasText: false, IsOwnText: false, ShownInline: true),
        new(DocumentFileType.Markdown, [".md", ".markdown"], "text/markdown; charset=utf-8", HasText: true, IsOwnText: true, ShownInline: false),
        new(DocumentFileType.Text, [".txt"], "text/plain; charset=utf-8", HasText: true, IsOwnText: true, ShownInline: false),
    ];

    public static DocumentFileTypeInfo Get(DocumentFileType type) => All.First(t => t.Type == type);

    /// <summary>The type a file name's extension names; false when the extension is not on the allow-list.</summary>
    public static bool TryFromFileName(string fileName, out DocumentFileTypeInfo info)
    {
        var extension = Path.GetExtension(fileName);
        info = All.FirstOrDefault(t => t.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))!;
        return info is not null;
    }

    /// <summary>The extensions the upload accepts, for messages and the file picker.</summary>
    public static string AllowedExtensions => string.Join(", ", All.SelectMany(t => t.Extensions));
}
