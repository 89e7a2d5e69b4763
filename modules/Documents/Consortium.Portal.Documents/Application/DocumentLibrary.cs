using System.Collections.Concurrent;
using System.Linq.Expressions;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Documents.Application;

public sealed record CreateFolderRequest(string Name, Guid? ParentId);

public sealed record UpdateFolderRequest(string Name, Guid? ParentId, Guid? ConcurrencyStamp);

public sealed record UpdateDocumentRequest(string Name, Guid? FolderId, Guid? ConcurrencyStamp);

public sealed record RestoreVersionRequest(string? Note);

/// <summary>Folders and documents of a workspace: the tree, listing, renaming and moving, locks.</summary>
internal sealed class DocumentLibrary(
    DocumentsDbContext db,
    DocumentAccess access,
    MemberNames names,
    DocumentListCache listCache,
    IIntegrationEventPublisher events,
    ILiveChanges live,
    TimeProvider clock,
    IOptions<DocumentsOptions> options,
    // Portal-wide (IPortalWideValidator): made once, so the list requests this service also serves build none.
    IValidator<CreateFolderRequest> newFolders,
    IValidator<UpdateFolderRequest> folderChanges,
    IValidator<UpdateDocumentRequest> documentEdits)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<FolderDto>> GetFoldersAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.View, "Workspace", workspaceId, cancellationToken);
        return await db.Folders.AsNoTracking()
            .Where(f => f.WorkspaceId == workspaceId)
            .OrderBy(f => f.Name)
            .Select(f => new FolderDto(f.Id, f.WorkspaceId, f.ParentId, f.Name, f.ConcurrencyStamp))
            .ToListAsync(cancellationToken);
    }

    public async Task<FolderDto> CreateFolderAsync(Guid workspaceId, CreateFolderRequest request, CancellationToken cancellationToken)
    {
        await newFolders.EnsureValidAsync(request, cancellationToken);
        await access.RequireAsync(workspaceId, WorkspaceAction.Edit, "Workspace", workspaceId, cancellationToken);
        var name = DocumentRules.FolderName(request.Name)!;
        if (request.ParentId is { } parentId)
        {
            await RequireFolderInWorkspaceAsync(workspaceId, parentId, cancellationToken);
        }
        await RequireUniqueFolderNameAsync(workspaceId, request.ParentId, name, null, cancellationToken);
        var folder = new Folder(workspaceId, request.ParentId, name);
        db.Folders.Add(folder);
        PublishActivity(workspaceId, "Activity:FolderCreated", name, null);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(folder);
    }

    public async Task<FolderDto> UpdateFolderAsync(Guid folderId, UpdateFolderRequest request, CancellationToken cancellationToken)
    {
        await folderChanges.EnsureValidAsync(request, cancellationToken);
        var folder = await db.Folders.FirstOrDefaultAsync(f => f.Id == folderId, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Folder), folderId);
        await access.RequireAsync(folder.WorkspaceId, WorkspaceAction.Edit, nameof(Folder), folderId, cancellationToken);
        db.ExpectConcurrencyStamp(folder, request.ConcurrencyStamp!.Value);
        var name = DocumentRules.FolderName(request.Name)!;
        if (request.ParentId != folder.ParentId)
        {
            if (request.ParentId is { } parentId)
            {
                await RequireFolderInWorkspaceAsync(folder.WorkspaceId, parentId, cancellationToken);
                if (await IsSelfOrDescendantAsync(folder.WorkspaceId, folderId, parentId, cancellationToken))
                {
                    throw new DomainRuleException("Folder:MoveIntoItself", typeof(DocumentsResource));
                }
            }
            folder.MoveTo(request.ParentId);
        }
        await RequireUniqueFolderNameAsync(folder.WorkspaceId, folder.ParentId, name, folder.Id, cancellationToken);
        folder.Rename(name);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(folder);
    }

    /// <summary>
    /// A page of a folder's documents (or the top level's, or with <paramref name="allFolders"/> the whole workspace's),
    /// by name, with how many there are; the page was checked by <see cref="DocumentListQueryValidator"/> or is the
    /// page's own.
    /// </summary>
    public Task<PagedResult<DocumentSummaryDto>> ListDocumentsAsync(Guid workspaceId, Guid? folderId, bool allFolders, ResolvedPage page, CancellationToken cancellationToken)
        => ListDocumentsAsync(workspaceId, folderId, allFolders, new KeysetPage(page, null), cancellationToken);

    /// <summary>
    /// A page by number, or by key after <see cref="KeysetPage.After"/>: the name and id of the last document of the page
    /// before, sought in the list's index ((WorkspaceId, FolderId, Name, Id) or (WorkspaceId, Name, Id)), so page 500 costs
    /// what page 2 does. Only a list's first request counts it; a page read by key carries the total in its cursor.
    /// </summary>
    public async Task<PagedResult<DocumentSummaryDto>> ListDocumentsAsync(Guid workspaceId, Guid? folderId, bool allFolders, KeysetPage request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.View, "Workspace", workspaceId, cancellationToken);
        var page = request.Page;
        var key = new DocumentListCache.PageKey(workspaceId, allFolders ? null : folderId, allFolders, page.Skip, page.Take);
        if (request.After is { } after)
        {
            DocumentListQuery.TryReadCursor(after, out var name, out var id);
            var (result, _) = await ReadPageAsync(key, page, new Seek(name, id), after.TotalCount, cancellationToken);
            return result;
        }
        return await listCache.GetOrReadAsync(key, () => ReadPageAsync(key, page, null, null, cancellationToken));
    }

    /// <summary>Where a page read by key starts: after this name and id.</summary>
    private readonly record struct Seek(string Name, Guid Id);

    private async Task<(PagedResult<DocumentSummaryDto> Page, DateTime? LockExpiresAtUtc)> ReadPageAsync(
        DocumentListCache.PageKey key, ResolvedPage page, Seek? seek, int? knownTotal, CancellationToken cancellationToken)
    {
        var (workspaceId, folderId, allFolders) = (key.WorkspaceId, key.FolderId, key.AllFolders);
        // Compiled (unless Documents:CompiledListQueries is off): a page of a large folder is read on every visit of
        // the Documents tab, and only the summary's columns are read (SummaryColumns).
        var compiled = options.Value.CompiledListQueries;
        var rows = seek is { } s
            ? compiled ? ListQueries.For(db).PageAfter(db, workspaceId, folderId, allFolders, s.Name, s.Id, page.Take)
                : ListQueries.UncompiledAfter(db, workspaceId, folderId, allFolders, s.Name, s.Id, page.Take)
            : compiled ? ListQueries.For(db).Page(db, workspaceId, folderId, allFolders, page.Skip, page.Take)
                : ListQueries.Uncompiled(db, workspaceId, folderId, allFolders, page.Skip, page.Take);
        var items = await rows.ToListAsync(cancellationToken);
        // A page with some rows but fewer than asked is the last one, so it tells the total itself; only a full or an
        // empty page (one past the end) needs the count, which the list's pages share (DocumentListCache). A page read by
        // key has the total its first page counted.
        var total = knownTotal
            ?? (items.Count is > 0 && items.Count < page.Take ? page.Skip + items.Count
                : await listCache.GetOrCountAsync(key.List, () => compiled
                    ? ListQueries.For(db).Count(db, workspaceId, folderId, allFolders)
                    : ListQueries.CountUncompiled(db, workspaceId, folderId, allFolders, cancellationToken)));
        var now = Now;
        var locked = items.Where(r => r.ActiveLockHolder(now) is not null).ToList();
        var holders = await names.ResolveAsync(workspaceId, locked.Select(r => r.LockHolderId!.Value), cancellationToken);
        var firstLockExpiry = locked.Count == 0 ? (DateTime?)null : locked.Min(r => r.LockExpiresAtUtc!.Value);
        var next = items.Count == page.Take && page.Page < int.MaxValue / page.PageSize
            ? DocumentListQuery.CursorAfter(items[^1].Name, items[^1].Id, page.Page + 1, total).Encode()
            : null;
        var result = new PagedResult<DocumentSummaryDto>(items.Select(r => ToSummary(r, holders, now)).ToList(), total, page.Page, page.PageSize, next);
        return (result, firstLockExpiry);
    }

    public async Task<DocumentDetailsDto> GetDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var versions = await db.Versions.AsNoTracking()
            .Where(v => v.DocumentId == documentId)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        var people = await names.ResolveAsync(document.WorkspaceId,
            versions.Select(v => v.AuthorId).Concat(document.ActiveLockHolder(Now) is { } h ? [h] : []), cancellationToken);
        var follow = await db.Follows.AsNoTracking()
            .Where(f => f.DocumentId == documentId && f.UserId == access.UserId)
            .Select(f => (FollowMode?)f.Mode)
            .FirstOrDefaultAsync(cancellationToken);
        return new DocumentDetailsDto(
            ToSummary(document, people),
            versions.Select(v => ToDto(v, people)).ToList(),
            follow ?? FollowMode.Default);
    }

    public async Task<DocumentSummaryDto> UpdateDocumentAsync(Guid documentId, UpdateDocumentRequest request, CancellationToken cancellationToken)
    {
        await documentEdits.EnsureValidAsync(request, cancellationToken);
        var document = await FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken, track: true);
        db.ExpectConcurrencyStamp(document, request.ConcurrencyStamp!.Value);
        var name = FileNames.Clean(request.Name)!;
        if (!DocumentFileTypes.TryFromFileName(name, out var type) || type.Type != document.FileType)
        {
            throw new DomainRuleException("Document:ExtensionChanged", typeof(DocumentsResource), DocumentFileTypes.Get(document.FileType).Extensions[0]);
        }
        if (request.FolderId is { } folderId)
        {
            await RequireFolderInWorkspaceAsync(document.WorkspaceId, folderId, cancellationToken);
        }
        var key = Document.KeyOf(request.FolderId, name);
        if (await db.Documents.AnyAsync(d => d.WorkspaceId == document.WorkspaceId && d.Id != document.Id && d.NameKey == key, cancellationToken))
        {
            throw new DomainRuleException("Document:NameTaken", typeof(DocumentsResource), name);
        }
        document.Rename(name);
        document.MoveTo(request.FolderId);
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Details);
        return ToSummary(document, new Dictionary<Guid, string>());
    }

    public async Task<DocumentSummaryDto> LockAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken, track: true);
        if (!document.TryLock(access.UserId, Now, options.Value.LockDuration))
        {
            throw await LockedExceptionAsync(document, cancellationToken);
        }
        PublishActivity(document.WorkspaceId, "Activity:DocumentLocked", document.Name, DocumentLinks.Page(document.Id));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Lock);
        var people = await names.ResolveAsync(document.WorkspaceId, [access.UserId], cancellationToken);
        return ToSummary(document, people);
    }

    /// <summary>The holder releases the lock; someone else needs the Manage right (an Owner) to break it.</summary>
    public async Task UnlockAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken, track: true);
        var holder = document.ActiveLockHolder(Now);
        if (holder is null)
        {
            document.Unlock();
            await db.SaveChangesAsync(cancellationToken);
            await live.DocumentChangedAsync(document.Id, DocumentChanges.Lock);
            return;
        }
        if (holder != access.UserId)
        {
            await access.RequireAsync(document.WorkspaceId, WorkspaceAction.Manage, nameof(Document), documentId, cancellationToken);
            PublishActivity(document.WorkspaceId, "Activity:DocumentLockBroken", document.Name, DocumentLinks.Page(document.Id));
        }
        document.Unlock();
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Lock);
    }

    /// <summary>Get or create the caller's follow: two first follows at once make one row (UniqueWrites).</summary>
    public async Task SetFollowModeAsync(Guid documentId, FollowMode mode, CancellationToken cancellationToken)
    {
        var document = await FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        await db.SaveOnceAsync(nameof(DocumentFollow), documentId, async ct =>
        {
            var follow = await db.Follows.FirstOrDefaultAsync(f => f.DocumentId == documentId && f.UserId == access.UserId, ct);
            if (follow is null)
            {
                follow = new DocumentFollow { DocumentId = document.Id, UserId = access.UserId };
                db.Follows.Add(follow);
            }
            follow.Mode = mode;
            follow.ChangedAtUtc = Now;
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
    }

    public async Task<Document> FindDocumentAsync(Guid documentId, WorkspaceAction action, CancellationToken cancellationToken, bool track = false)
    {
        var query = track ? db.Documents : db.Documents.AsNoTracking();
        var document = await query.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Document), documentId);
        await access.RequireAsync(document.WorkspaceId, action, nameof(Document), documentId, cancellationToken);
        return document;
    }

    public async Task<DocumentLockedException> LockedExceptionAsync(Document document, CancellationToken cancellationToken)
    {
        var holder = document.ActiveLockHolder(Now)!.Value;
        var people = await names.ResolveAsync(document.WorkspaceId, [holder], cancellationToken);
        return new DocumentLockedException(people[holder], document.LockedAtUtc!.Value, document.LockExpiresAtUtc!.Value);
    }

    private async Task RequireFolderInWorkspaceAsync(Guid workspaceId, Guid folderId, CancellationToken cancellationToken)
    {
        if (!await db.Folders.AnyAsync(f => f.Id == folderId && f.WorkspaceId == workspaceId, cancellationToken))
        {
            throw new EntityNotFoundException(nameof(Folder), folderId);
        }
    }

    private async Task RequireUniqueFolderNameAsync(Guid workspaceId, Guid? parentId, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        if (await db.Folders.AnyAsync(f => f.WorkspaceId == workspaceId && f.ParentId == parentId && f.Id != exceptId && f.Name.ToLower() == lower, cancellationToken))
        {
            throw new DomainRuleException("Folder:NameTaken", typeof(DocumentsResource), name);
        }
    }

    /// <summary>Whether <paramref name="candidateId"/> is the folder itself or lies inside it (a move there would make a loop).</summary>
    private async Task<bool> IsSelfOrDescendantAsync(Guid workspaceId, Guid folderId, Guid candidateId, CancellationToken cancellationToken)
    {
        var parents = await db.Folders.AsNoTracking().Where(f => f.WorkspaceId == workspaceId)
            .ToDictionaryAsync(f => f.Id, f => f.ParentId, cancellationToken);
        Guid? current = candidateId;
        var seen = new HashSet<Guid>();
        while (current is { } id && seen.Add(id))
        {
            if (id == folderId)
            {
                return true;
            }
            current = parents.GetValueOrDefault(id);
        }
        return false;
    }

    private void PublishActivity(Guid workspaceId, string key, string name, string? link)
        => events.Publish(new WorkspaceActivityOccurred(workspaceId, access.UserId, DocumentsModuleName.Value, key,
            new Dictionary<string, string> { ["name"] = name }, link, Now));

    private static FolderDto ToDto(Folder f) => new(f.Id, f.WorkspaceId, f.ParentId, f.Name, f.ConcurrencyStamp);

    internal DocumentSummaryDto ToSummary(Document d, IReadOnlyDictionary<Guid, string> people)
        => ToSummary(SummaryOf(d), people, Now);

    private static DocumentSummaryDto ToSummary(SummaryRow r, IReadOnlyDictionary<Guid, string> people, DateTime now)
    {
        var lockDto = r.ActiveLockHolder(now) is { } holder
            ? new DocumentLockDto(holder, people.GetValueOrDefault(holder, ""), r.LockedAtUtc!.Value, r.LockExpiresAtUtc!.Value)
            : null;
        return new DocumentSummaryDto(r.Id, r.WorkspaceId, r.FolderId, r.Name, r.FileType, r.LatestVersionNumber, r.LatestSize,
            r.ModifiedAtUtc, r.ModifiedBy, lockDto, r.ConcurrencyStamp);
    }

    private static readonly Expression<Func<Document, SummaryRow>> SummaryColumns = d => new SummaryRow(
        d.Id, d.WorkspaceId, d.FolderId, d.Name, d.FileType, d.LatestVersionNumber, d.LatestSize,
        d.ModifiedAtUtc ?? d.CreatedAtUtc, d.ModifiedBy ?? d.CreatedBy, d.LockHolderId, d.LockedAtUtc, d.LockExpiresAtUtc, d.ConcurrencyStamp);

    // Declared after SummaryColumns: static fields are initialized in the order they are written.
    private static readonly Func<Document, SummaryRow> SummaryOf = SummaryColumns.Compile();

    /// <summary>
    /// The list's queries, compiled. EF compiles one for the provider of the first context it runs on and keeps it, so
    /// there is a set per provider: the test suite hosts SQLite and PostgreSQL portals in one process.
    /// </summary>
    internal sealed class ListQueries
    {
        private static readonly ConcurrentDictionary<string, ListQueries> ByProvider = new(StringComparer.Ordinal);

        public static ListQueries For(DocumentsDbContext db) => ByProvider.GetOrAdd(db.Database.ProviderName ?? "", _ => new ListQueries());

        private static readonly Expression<Func<DocumentsDbContext, Guid, Guid, int, int, IQueryable<SummaryRow>>> FolderQuery =
            (context, workspaceId, folderId, skip, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && d.FolderId == folderId)
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(skip).Take(take).Select(SummaryColumns);

        private static readonly Expression<Func<DocumentsDbContext, Guid, int, int, IQueryable<SummaryRow>>> TopLevelQuery =
            (context, workspaceId, skip, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && d.FolderId == null)
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(skip).Take(take).Select(SummaryColumns);

        private static readonly Expression<Func<DocumentsDbContext, Guid, int, int, IQueryable<SummaryRow>>> AllFoldersQuery =
            (context, workspaceId, skip, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId)
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(skip).Take(take).Select(SummaryColumns);

        // After a name and id: the list's order, sought in its index. "Name >= name" is the index condition a planner can
        // seek to (PostgreSQL does not seek on the OR alone); the rest leaves out the rows up to the id within that name.
        private static readonly Expression<Func<DocumentsDbContext, Guid, Guid, string, Guid, int, IQueryable<SummaryRow>>> FolderAfterQuery =
            (context, workspaceId, folderId, name, id, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && d.FolderId == folderId)
                .Where(d => string.Compare(d.Name, name) >= 0 && (string.Compare(d.Name, name) > 0 || d.Id.CompareTo(id) > 0))
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take).Select(SummaryColumns);

        private static readonly Expression<Func<DocumentsDbContext, Guid, string, Guid, int, IQueryable<SummaryRow>>> TopLevelAfterQuery =
            (context, workspaceId, name, id, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && d.FolderId == null)
                .Where(d => string.Compare(d.Name, name) >= 0 && (string.Compare(d.Name, name) > 0 || d.Id.CompareTo(id) > 0))
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take).Select(SummaryColumns);

        private static readonly Expression<Func<DocumentsDbContext, Guid, string, Guid, int, IQueryable<SummaryRow>>> AllFoldersAfterQuery =
            (context, workspaceId, name, id, take) => context.Documents.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId)
                .Where(d => string.Compare(d.Name, name) >= 0 && (string.Compare(d.Name, name) > 0 || d.Id.CompareTo(id) > 0))
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take).Select(SummaryColumns);

        // How many documents each list holds, for the total beside a page.
        private static readonly Expression<Func<DocumentsDbContext, Guid, Guid, int>> FolderCountQuery =
            (context, workspaceId, folderId) => context.Documents.Count(d => d.WorkspaceId == workspaceId && d.FolderId == folderId);

        private static readonly Expression<Func<DocumentsDbContext, Guid, int>> TopLevelCountQuery =
            (context, workspaceId) => context.Documents.Count(d => d.WorkspaceId == workspaceId && d.FolderId == null);

        private static readonly Expression<Func<DocumentsDbContext, Guid, int>> AllFoldersCountQuery =
            (context, workspaceId) => context.Documents.Count(d => d.WorkspaceId == workspaceId);

        // The same queries as LINQ, for Documents:CompiledListQueries=false.
        private static readonly Func<DocumentsDbContext, Guid, Guid, int, int, IQueryable<SummaryRow>> FolderLinq = FolderQuery.Compile();
        private static readonly Func<DocumentsDbContext, Guid, int, int, IQueryable<SummaryRow>> TopLevelLinq = TopLevelQuery.Compile();
        private static readonly Func<DocumentsDbContext, Guid, int, int, IQueryable<SummaryRow>> AllFoldersLinq = AllFoldersQuery.Compile();

        private readonly Func<DocumentsDbContext, Guid, Guid, int, int, IAsyncEnumerable<SummaryRow>> _folder = EF.CompileAsyncQuery(FolderQuery);
        private readonly Func<DocumentsDbContext, Guid, int, int, IAsyncEnumerable<SummaryRow>> _topLevel = EF.CompileAsyncQuery(TopLevelQuery);
        private readonly Func<DocumentsDbContext, Guid, int, int, IAsyncEnumerable<SummaryRow>> _allFolders = EF.CompileAsyncQuery(AllFoldersQuery);

        private static readonly Func<DocumentsDbContext, Guid, Guid, string, Guid, int, IQueryable<SummaryRow>> FolderAfterLinq = FolderAfterQuery.Compile();
        private static readonly Func<DocumentsDbContext, Guid, string, Guid, int, IQueryable<SummaryRow>> TopLevelAfterLinq = TopLevelAfterQuery.Compile();
        private static readonly Func<DocumentsDbContext, Guid, string, Guid, int, IQueryable<SummaryRow>> AllFoldersAfterLinq = AllFoldersAfterQuery.Compile();

        private readonly Func<DocumentsDbContext, Guid, Guid, string, Guid, int, IAsyncEnumerable<SummaryRow>> _folderAfter = EF.CompileAsyncQuery(FolderAfterQuery);
        private readonly Func<DocumentsDbContext, Guid, string, Guid, int, IAsyncEnumerable<SummaryRow>> _topLevelAfter = EF.CompileAsyncQuery(TopLevelAfterQuery);
        private readonly Func<DocumentsDbContext, Guid, string, Guid, int, IAsyncEnumerable<SummaryRow>> _allFoldersAfter = EF.CompileAsyncQuery(AllFoldersAfterQuery);

        private readonly Func<DocumentsDbContext, Guid, Guid, Task<int>> _folderCount = EF.CompileAsyncQuery(FolderCountQuery);
        private readonly Func<DocumentsDbContext, Guid, Task<int>> _topLevelCount = EF.CompileAsyncQuery(TopLevelCountQuery);
        private readonly Func<DocumentsDbContext, Guid, Task<int>> _allFoldersCount = EF.CompileAsyncQuery(AllFoldersCountQuery);

        public IAsyncEnumerable<SummaryRow> Page(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, int skip, int take)
            => allFolders ? _allFolders(db, workspaceId, skip, take)
                : folderId is { } id ? _folder(db, workspaceId, id, skip, take)
                : _topLevel(db, workspaceId, skip, take);

        public static IAsyncEnumerable<SummaryRow> Uncompiled(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, int skip, int take)
            => (allFolders ? AllFoldersLinq(db, workspaceId, skip, take)
                : folderId is { } id ? FolderLinq(db, workspaceId, id, skip, take)
                : TopLevelLinq(db, workspaceId, skip, take)).AsAsyncEnumerable();

        public IAsyncEnumerable<SummaryRow> PageAfter(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, string name, Guid id, int take)
            => allFolders ? _allFoldersAfter(db, workspaceId, name, id, take)
                : folderId is { } folder ? _folderAfter(db, workspaceId, folder, name, id, take)
                : _topLevelAfter(db, workspaceId, name, id, take);

        public static IAsyncEnumerable<SummaryRow> UncompiledAfter(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, string name, Guid id, int take)
            => (allFolders ? AllFoldersAfterLinq(db, workspaceId, name, id, take)
                : folderId is { } folder ? FolderAfterLinq(db, workspaceId, folder, name, id, take)
                : TopLevelAfterLinq(db, workspaceId, name, id, take)).AsAsyncEnumerable();

        /// <summary>The SQL of a page's query, for the test that checks its plan (EXPLAIN) on PostgreSQL.</summary>
        public static string Sql(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, int skip, int take, (string Name, Guid Id)? after)
            => (after is { } a
                ? allFolders ? AllFoldersAfterLinq(db, workspaceId, a.Name, a.Id, take)
                    : folderId is { } folder ? FolderAfterLinq(db, workspaceId, folder, a.Name, a.Id, take)
                    : TopLevelAfterLinq(db, workspaceId, a.Name, a.Id, take)
                : allFolders ? AllFoldersLinq(db, workspaceId, skip, take)
                    : folderId is { } f ? FolderLinq(db, workspaceId, f, skip, take)
                    : TopLevelLinq(db, workspaceId, skip, take)).ToQueryString();

        public Task<int> Count(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders)
            => allFolders ? _allFoldersCount(db, workspaceId)
                : folderId is { } id ? _folderCount(db, workspaceId, id)
                : _topLevelCount(db, workspaceId);

        public static Task<int> CountUncompiled(DocumentsDbContext db, Guid workspaceId, Guid? folderId, bool allFolders, CancellationToken cancellationToken)
        {
            var documents = db.Documents.Where(d => d.WorkspaceId == workspaceId);
            if (!allFolders)
            {
                documents = documents.Where(d => d.FolderId == folderId);
            }
            return documents.CountAsync(cancellationToken);
        }
    }

    /// <summary>The columns a document summary is made of.</summary>
    internal sealed record SummaryRow(
        Guid Id, Guid WorkspaceId, Guid? FolderId, string Name, DocumentFileType FileType, int LatestVersionNumber, long LatestSize,
        DateTime ModifiedAtUtc, Guid? ModifiedBy, Guid? LockHolderId, DateTime? LockedAtUtc, DateTime? LockExpiresAtUtc, Guid ConcurrencyStamp)
    {
        public Guid? ActiveLockHolder(DateTime now) => Document.ActiveLockHolder(LockHolderId, LockExpiresAtUtc, now);
    }

    internal static DocumentVersionDto ToDto(DocumentVersion v, IReadOnlyDictionary<Guid, string> people)
        => new(v.Id, v.Number, v.FileName, v.Size, v.Sha256, v.ContentType, v.AuthorId, people.GetValueOrDefault(v.AuthorId, ""),
            v.CreatedAtUtc, v.Note, v.RestoredFromNumber, v.TextState);
}

/// <summary>
/// Somebody else holds the document's check-out lock (423 Locked): the message says who, since when and until when, on
/// the reader's clock (the times travel as UTC instants; the Platform tells them in the reader's zone and culture).
/// </summary>
public sealed class DocumentLockedException(string holderName, DateTime lockedAtUtc, DateTime expiresAtUtc)
    : DomainRuleException("Lock:HeldByOther", typeof(DocumentsResource), holderName,
        DateTime.SpecifyKind(lockedAtUtc, DateTimeKind.Utc), DateTime.SpecifyKind(expiresAtUtc, DateTimeKind.Utc))
{
    public string HolderName { get; } = holderName;
    public override int StatusCode => 423;
}
