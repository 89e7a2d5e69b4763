namespace Consortium.Portal.Documents;

/// <summary>Configuration section <c>Documents</c>.</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>The blob container of every document version.</summary>
    public const string BlobContainer = "documents";

    /// <summary>The largest file one upload may carry; checked while it streams. 200 MB by default.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// The most one upload request may carry in all: the files of a form for several files together (each one also
    /// within <see cref="MaxUploadBytes"/>). A request that announces more is refused before its body is read; one
    /// that does not announce its length is cut off there. 1 GB by default.
    /// </summary>
    public long MaxUploadRequestBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long a check-out lock lasts before it lapses by itself.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long deleted folders and documents stay in the recycle bin.</summary>
    public TimeSpan RecycleBinRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A blob no version refers to is removed once it is this old (younger ones may belong to an upload in progress).</summary>
    public TimeSpan OrphanBlobAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a page of a document list is kept (<see cref="Application.DocumentListCache"/>): on the instance that
    /// saved a change it is seen at once, on other instances after at most this long. Zero reads every time.
    /// </summary>
    public TimeSpan ListCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the number of documents of a list (the total beside each page) is kept, apart from its pages: every page
    /// of a folder shows the same total, and counting a folder of thousands cost as much as reading a page. Seen at once
    /// on the instance that saved a change, on other instances after at most this long. Zero counts every time.
    /// </summary>
    public TimeSpan ListCountCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a page of a document list is read by a compiled query (EF translates it once, not on every read); false
    /// runs the same query through LINQ, as every other query of the module does.
    /// </summary>
    public bool CompiledListQueries { get; set; } = true;

    internal IEnumerable<string> Validate()
    {
        if (ListCacheLifetime < TimeSpan.Zero || ListCacheLifetime > TimeSpan.FromMinutes(1)) yield return "Documents:ListCacheLifetime must be between zero and one minute.";
        if (ListCountCacheLifetime < TimeSpan.Zero || ListCountCacheLifetime > TimeSpan.FromMinutes(1)) yield return "Documents:ListCountCacheLifetime must be between zero and one minute.";
        if (MaxUploadBytes < 1) yield return "Documents:MaxUploadBytes must be at least 1.";
        if (MaxUploadRequestBytes < MaxUploadBytes) yield return "Documents:MaxUploadRequestBytes must be at least Documents:MaxUploadBytes.";
        if (LockDuration <= TimeSpan.Zero) yield return "Documents:LockDuration must be positive.";
        if (RecycleBinRetention < TimeSpan.Zero) yield return "Documents:RecycleBinRetention must not be negative.";
        if (OrphanBlobAge < TimeSpan.FromMinutes(5)) yield return "Documents:OrphanBlobAge must be at least five minutes, longer than an upload takes to be recorded.";
    }
}
