using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Documents.Domain;

/// <summary>
/// A file of a workspace, kept as a numbered series of versions. The document is the consistency boundary for version
/// numbers and the check-out lock: adding a version renews its concurrency stamp, so two uploads that read the same
/// latest number cannot both commit; the loser reads again and takes the next number.
/// </summary>
public sealed class Document : AggregateRoot<Guid>, IAuditedEntity, ISoftDelete, IRecyclable
{
    private Document() { }

    public Document(Guid workspaceId, Guid? folderId, string name, DocumentFileType fileType)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        FolderId = folderId;
        Name = name;
        NameKey = KeyOf(folderId, name);
        FileType = fileType;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid? FolderId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>
    /// The folder and the name as compared (case-insensitive): unique among a workspace's documents that are not in the
    /// recycle bin, so two uploads of one new name at once cannot both make a document (the loser adds a version).
    /// </summary>
    public string NameKey { get; private set; } = "";

    public DocumentFileType FileType { get; private set; }
    public int LatestVersionNumber { get; private set; }
    public Guid? LatestVersionId { get; private set; }
    public long LatestSize { get; private set; }

    public Guid? LockHolderId { get; private set; }
    public DateTime? LockedAtUtc { get; private set; }
    public DateTime? LockExpiresAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAtUtc { get; set; }
    public Guid? DeletedBy { get; set; }
    public Guid? RecycledWithFolderId { get; set; }

    /// <summary>The holder of a lock that has not expired at <paramref name="now"/>; null when nobody holds one.</summary>
    public Guid? ActiveLockHolder(DateTime now) => ActiveLockHolder(LockHolderId, LockExpiresAtUtc, now);

    /// <summary>The lock rule on its own, for reads that project the lock's columns instead of loading documents.</summary>
    public static Guid? ActiveLockHolder(Guid? holderId, DateTime? expiresAtUtc, DateTime now) => holderId is { } holder && expiresAtUtc > now ? holder : null;

    /// <summary>Whether <paramref name="userId"/> may store a version now: nobody else holds an unexpired lock.</summary>
    public bool IsLockedAgainst(Guid userId, DateTime now) => ActiveLockHolder(now) is { } holder && holder != userId;

    public DocumentVersion AddVersion(VersionContent content, Guid authorId, DateTime now, string? note, int? restoredFromNumber = null)
    {
        LatestVersionNumber++;
        var version = new DocumentVersion(this, LatestVersionNumber, content, authorId, now, note, restoredFromNumber);
        LatestVersionId = version.Id;
        LatestSize = content.Size;
        return version;
    }

    /// <summary>Takes or renews the check-out lock; false when another user holds an unexpired one.</summary>
    public bool TryLock(Guid userId, DateTime now, TimeSpan duration)
    {
        if (IsLockedAgainst(userId, now))
        {
            return false;
        }
        if (ActiveLockHolder(now) != userId)
        {
            LockedAtUtc = now;
        }
        LockHolderId = userId;
        LockExpiresAtUtc = now + duration;
        return true;
    }

    public void Unlock()
    {
        LockHolderId = null;
        LockedAtUtc = null;
        LockExpiresAtUtc = null;
    }

    public void Rename(string name)
    {
        Name = name;
        NameKey = KeyOf(FolderId, name);
    }

    /// <summary><see cref="NameKey"/> of <paramref name="name"/> in <paramref name="folderId"/> (null: the top level).</summary>
    public static string KeyOf(Guid? folderId, string name) => (folderId?.ToString("N") ?? "-") + "/" + name.ToLowerInvariant();

    public const int MaxNameKeyLength = DocumentConsts.MaxNameLength + 33;

    public void MoveTo(Guid? folderId)
    {
        FolderId = folderId;
        NameKey = KeyOf(folderId, Name);
    }
}

/// <summary>What a stored blob holds: where it is and what it is.</summary>
public sealed record VersionContent(string BlobName, string FileName, long Size, string Sha256, string ContentType);

/// <summary>One stored state of a document: immutable once written.</summary>
public sealed class DocumentVersion
{
    private DocumentVersion() { }

    internal DocumentVersion(Document document, int number, VersionContent content, Guid authorId, DateTime now, string? note, int? restoredFromNumber)
    {
        Id = Guid.CreateVersion7();
        DocumentId = document.Id;
        WorkspaceId = document.WorkspaceId;
        Number = number;
        BlobName = content.BlobName;
        FileName = content.FileName;
        Size = content.Size;
        Sha256 = content.Sha256;
        ContentType = content.ContentType;
        AuthorId = authorId;
        CreatedAtUtc = now;
        Note = note;
        RestoredFromNumber = restoredFromNumber;
        TextState = DocumentFileTypes.Get(document.FileType).HasText ? VersionTextState.Pending : VersionTextState.None;
    }

    public Guid Id { get; private set; }
    public Guid DocumentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public int Number { get; private set; }
    public string BlobName { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public Guid AuthorId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? Note { get; private set; }
    public int? RestoredFromNumber { get; private set; }
    public VersionTextState TextState { get; set; }

    public VersionContent Content => new(BlobName, FileName, Size, Sha256, ContentType);
}

/// <summary>The text of a version (extracted from .docx/.odt/.pdf, or the content of .md/.txt): for diffs, anchors and search.</summary>
public sealed class VersionText
{
    public Guid VersionId { get; set; }
    public string Text { get; set; } = "";
    public DateTime ExtractedAtUtc { get; set; }
}
