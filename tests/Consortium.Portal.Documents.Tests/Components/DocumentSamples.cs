namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>Documents as the pages receive them, for component tests.</summary>
internal static class DocumentSamples
{
    public static readonly Guid Author = Guid.Parse("0b6f4c9e-2d7a-4f1b-8e3c-5a9d1f2b7c64");

    public static DocumentDetailsDto Details(int versions = 1, DocumentLockDto? locked = null, string name = "findings.md")
    {
        var id = Guid.NewGuid();
        var modified = new DateTime(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc);
        var summary = new DocumentSummaryDto(id, Guid.NewGuid(), null, name, DocumentFileTypes.TryFromFileName(name, out var type) ? type.Type : throw new ArgumentException(name), versions, 1200,
            modified, Author, locked, Guid.NewGuid());
        var list = Enumerable.Range(1, versions)
            .Select(n => new DocumentVersionDto(Guid.NewGuid(), n, name, 1200, new string('0', 64), "text/markdown", Author, "Blerta Gashi",
                modified.AddHours(n - versions), null, null, VersionTextState.None))
            .ToList();
        return new DocumentDetailsDto(summary, list, FollowMode.Default);
    }
}
