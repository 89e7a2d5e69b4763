using Consortium.Portal.Documents;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Training.Application;

/// <summary>
/// What the API and the pages do with materials. Every material is seen by whoever holds
/// <see cref="TrainingPermissions.Materials.View"/> (the consortium); it is changed by its creator, the staff of its
/// authoring partners, or a holder of <see cref="TrainingPermissions.Materials.Manage"/>. Files are kept as documents of
/// a workspace through Documents' Contracts, so they are checked, versioned and extracted as every upload is.
/// </summary>
internal sealed class TrainingMaterials(
    TrainingDbContext db,
    ICurrentUser user,
    IPermissionChecker permissions,
    IDocumentStorage storage,
    IDocumentUploadLimits uploadLimits,
    IDocumentFiles files,
    IWorkspaceAccess workspaces,
    IWorkflows workflows,
    TranslationRequests translationRequests,
    TimeProvider clock,
    IValidator<CreateMaterialRequest> createRules,
    IValidator<UpdateMaterialRequest> updateRules,
    IValidator<LinkTranslationRequest> linkRules,
    IValidator<RequestTranslationRequest> requestRules,
    IValidator<MaterialListQuery> listRules,
    PortalCache cache,
    IOptions<TrainingOptions> options,
    IStringLocalizer<TrainingResource> text)
{
    /// <summary>The tag of the kept pages of the consortium's list: dropped by every save of a material.</summary>
    public const string ListCacheTag = "training:materials";

    private sealed record ListKey(int Page, int PageSize, string? Topic, Audience? Audience, string? Language, Guid? Partner, int? Activity, MaterialSort? Sort);

    /// <summary>How much of a file's extracted text the material page shows as its preview.</summary>
    public const int PreviewLength = 4000;

    private Guid UserId => user.Id ?? throw new ForbiddenException("Signed-in user required.");

    public async Task<PagedResult<MaterialSummaryDto>> ListAsync(MaterialListQuery query, CancellationToken cancellationToken = default)
    {
        await listRules.EnsureValidAsync(query, cancellationToken);
        var page = query.ToPage(MaterialListQuery.DefaultPageSize, MaterialListQuery.MaxPageSize);
        // Every consortium member sees the same list, so a page is kept for everyone for a few seconds (as Documents
        // keeps its list pages): the browse is read far more than materials are saved, and a save drops the pages at
        // once. Only the download counts (and so the most-used order) may be up to the lifetime behind: a count is an
        // update of its own that drops nothing, or every download would empty the pages for everyone.
        var key = new ListKey(page.Page, page.PageSize, string.IsNullOrWhiteSpace(query.Topic) ? null : query.Topic.Trim(), query.Audience,
            query.Language, query.Partner, query.Activity, query.Sort);
        return await cache.GetOrReadAsync(key, ListCacheTag, options.Value.ListCacheLifetime, async (_, ct) =>
        {
            var filtered = MaterialFilters.Apply(db.Materials.AsNoTracking(), key.Topic, key.Audience, key.Language, key.Partner, key.Activity);
            var total = await filtered.CountAsync(ct);
            var items = await MaterialFilters.Sort(filtered, key.Sort).Skip(page.Skip).Take(page.Take)
                .Select(MaterialFilters.Summary).ToListAsync(ct);
            return new PagedResult<MaterialSummaryDto>(items, total, page.Page, page.PageSize);
        }, cancellationToken);
    }

    public async Task<MaterialDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var material = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(TrainingMaterial), id);
        return await ToDtoAsync(material, cancellationToken);
    }

    public async Task<MaterialDto> CreateAsync(CreateMaterialRequest request, CancellationToken cancellationToken = default)
    {
        await createRules.EnsureValidAsync(request, cancellationToken);
        var userId = UserId;
        if (request.Kind == MaterialKind.File
            && !await workspaces.CanAsync(request.WorkspaceId!.Value, userId, WorkspaceAction.Edit, cancellationToken))
        {
            // A workspace the author may not upload to is refused by field, whether it exists or not.
            throw RequestValidationException.For("workspaceId", text["Validation.WorkspaceNotEditable"]);
        }
        var material = TrainingMaterial.Add(request.Kind!.Value, ContentOf(request.Details!),
            request.Kind == MaterialKind.File ? null : request.Url!.Trim(), request.Kind == MaterialKind.File ? request.WorkspaceId : null, null);
        db.Materials.Add(material);
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(material, cancellationToken);
    }

    public async Task<MaterialDto> UpdateAsync(Guid id, UpdateMaterialRequest request, CancellationToken cancellationToken = default)
    {
        await updateRules.EnsureValidAsync(request, cancellationToken);
        var material = await FindEditableAsync(id, cancellationToken);
        if (material.Kind != MaterialKind.File && request.Url is null)
        {
            throw RequestValidationException.For("url", text["Validation.Url"]);
        }
        db.ExpectConcurrencyStamp(material, request.ConcurrencyStamp!.Value);
        var content = ContentOf(request.Details!);
        if (content.Language != material.Language
            && await db.GroupHasLanguageAsync(material.TranslationGroupId, content.Language, except: material.Id, cancellationToken))
        {
            throw new DomainRuleException("Translation.LanguageTaken", typeof(TrainingResource), content.Language);
        }
        var languageChanged = content.Language != material.Language;
        material.Edit(content, request.Url?.Trim());
        await SaveAsync(material, cancellationToken);
        if (languageChanged)
        {
            await translationRequests.FulfilAsync(material.TranslationGroupId, cancellationToken);
        }
        return await ToDtoAsync(material, cancellationToken);
    }

    /// <summary>
    /// The material's file: the first upload makes the workspace document, each later one is its next version. A file
    /// whose <paramref name="announcedLength"/> is over the Documents module's limit is refused before it is read.
    /// </summary>
    public async Task<MaterialDto> UploadFileAsync(Guid id, string? fileName, Stream content, long? announcedLength = null, CancellationToken cancellationToken = default)
    {
        var material = await FindEditableAsync(id, cancellationToken);
        if (material.Kind != MaterialKind.File || material.WorkspaceId is not { } workspaceId)
        {
            throw new DomainRuleException("Material.NotAFile", typeof(TrainingResource));
        }
        if (material.Visibility == MaterialVisibility.InReview)
        {
            throw new DomainRuleException("Material.InReview", typeof(TrainingResource));
        }
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw RequestValidationException.For("fileName", text["Validation.FileNameRequired"]);
        }
        uploadLimits.EnsureAnnouncedLengthAllowed(announcedLength);
        if (material.DocumentId is { } documentId)
        {
            await storage.StoreVersionAsync(documentId, fileName, content, null, cancellationToken);
        }
        else
        {
            var stored = await storage.StoreAsync(workspaceId, fileName, content, cancellationToken);
            material.AttachDocument(stored.DocumentId);
            await SaveAsync(material, cancellationToken);
        }
        return await ToDtoAsync(material, cancellationToken);
    }

    public async Task<MaterialDto> LinkTranslationAsync(Guid id, LinkTranslationRequest request, CancellationToken cancellationToken = default)
    {
        await linkRules.EnsureValidAsync(request, cancellationToken);
        var material = await FindEditableAsync(id, cancellationToken);
        var target = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.TranslationOf, cancellationToken)
                     ?? throw RequestValidationException.For("translationOf", text["Validation.TranslationUnknown"]);
        var materialGroup = await GroupAsync(material.TranslationGroupId, cancellationToken);
        var targetGroup = await GroupAsync(target.TranslationGroupId, cancellationToken);
        TranslationGroups.EnsureMayLink(Member(material), Member(target), materialGroup.Select(Member).ToList(), targetGroup.Select(Member).ToList());
        foreach (var joining in await db.Materials.Where(m => m.TranslationGroupId == material.TranslationGroupId).ToListAsync(cancellationToken))
        {
            joining.JoinTranslationGroup(target.TranslationGroupId);
        }
        await SaveAsync(material, cancellationToken);
        await translationRequests.FulfilAsync(target.TranslationGroupId, cancellationToken);
        return await ToDtoAsync(material, cancellationToken);
    }

    /// <summary>Takes the material out of its translation group; the others stay together.</summary>
    public async Task<MaterialDto> UnlinkTranslationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var material = await FindEditableAsync(id, cancellationToken);
        if (material.TranslationGroupId == material.Id)
        {
            // The group is named after this material: the others keep a group of their own, named after one of them.
            var others = await db.Materials.Where(m => m.TranslationGroupId == material.Id && m.Id != material.Id).ToListAsync(cancellationToken);
            foreach (var other in others)
            {
                other.JoinTranslationGroup(others[0].Id);
            }
        }
        else
        {
            material.JoinTranslationGroup(material.Id);
        }
        await SaveAsync(material, cancellationToken);
        return await ToDtoAsync(material, cancellationToken);
    }

    /// <summary>
    /// Asks the authoring partners' leads for the material in another language: a task in their inbox (the "translation
    /// request" workflow). A language the group has, or one already asked for and still open, is refused.
    /// </summary>
    public async Task RequestTranslationAsync(Guid id, RequestTranslationRequest request, CancellationToken cancellationToken = default)
    {
        await requestRules.EnsureValidAsync(request, cancellationToken);
        var material = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(TrainingMaterial), id);
        await translationRequests.OpenAsync(material, request.Language!, UserId, string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
            cancellationToken);
    }

    /// <summary>Into the publishing workflow: the authoring partners' leads, then the Coordinator; public once it completes.</summary>
    public async Task<MaterialDto> SubmitAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var material = await FindEditableAsync(id, cancellationToken);
        if (material.Kind == MaterialKind.File && material.DocumentId is null)
        {
            throw new DomainRuleException("Material.FileMissing", typeof(TrainingResource));
        }
        material.SubmitForPublishing();
        // The workflow starts in its own save; a material whose save then loses is put back by the next submit.
        await SaveAsync(material, cancellationToken);
        try
        {
            var running = await workflows.FindForSubjectAsync(TrainingConsts.SubjectType, id, cancellationToken);
            if (running is { Status: WorkflowStatus.ChangesRequested })
            {
                await workflows.ResubmitAsync(TrainingConsts.SubjectType, id, null, cancellationToken);
            }
            else
            {
                await workflows.StartAsync(new StartWorkflowRequest(TrainingConsts.SubjectType, id, TrainingConsts.PublishingWorkflow), cancellationToken);
            }
        }
        catch (Exception e) when (e is DomainRuleException or EntityNotFoundException or ConcurrencyConflictException or RequestValidationException)
        {
            db.ChangeTracker.Clear();
            var back = await db.Materials.FirstAsync(m => m.Id == id, cancellationToken);
            back.ReturnToConsortium();
            await db.SaveChangesAsync(cancellationToken);
            throw;
        }
        return await ToDtoAsync(material, cancellationToken);
    }

    /// <summary>Counts a download (or an opened link) in its month; nothing about who.</summary>
    public async Task CountDownloadAsync(Guid materialId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var month = now.Year * 100 + now.Month;
        // Two statements without a read: concurrent downloads never lose a count and never touch the material's stamp.
        var updated = await db.DownloadMonths.Where(d => d.MaterialId == materialId && d.Month == month)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Count, d => d.Count + 1), cancellationToken);
        if (updated == 0)
        {
            await db.SaveOnceAsync(nameof(MaterialDownloadMonth), $"{materialId}/{month}", async ct =>
            {
                var row = await db.DownloadMonths.FirstOrDefaultAsync(d => d.MaterialId == materialId && d.Month == month, ct);
                if (row is null)
                {
                    db.DownloadMonths.Add(new MaterialDownloadMonth { MaterialId = materialId, Month = month, Count = 1 });
                }
                else
                {
                    row.Count++;
                }
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
        }
        await db.Materials.Where(m => m.Id == materialId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DownloadCount, m => m.DownloadCount + 1), cancellationToken);
    }

    /// <summary>The latest version of a file material, counted; null for a link or a file not uploaded yet.</summary>
    public async Task<DocumentFileContent?> OpenFileAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var material = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(TrainingMaterial), id);
        return await OpenCountedAsync(material, cancellationToken);
    }

    internal async Task<DocumentFileContent?> OpenCountedAsync(TrainingMaterial material, CancellationToken cancellationToken)
    {
        if (material.DocumentId is not { } documentId || await files.FindAsync(documentId, cancellationToken) is not { } document)
        {
            return null;
        }
        var content = await files.OpenAsync(documentId, document.LatestVersionNumber, cancellationToken);
        if (content is not null)
        {
            await CountDownloadAsync(material.Id, cancellationToken);
        }
        return content;
    }

    public async Task<bool> CanEditAsync(TrainingMaterial material, CancellationToken cancellationToken)
        => user.Id is { } userId && (material.CreatedBy == userId
            || (user.PartnerOrganisationId is { } partner && material.AuthoringPartnerIds.Contains(partner))
            || await permissions.IsGrantedAsync(user.Principal, TrainingPermissions.Materials.Manage));

    private async Task<TrainingMaterial> FindEditableAsync(Guid id, CancellationToken cancellationToken)
    {
        var material = await db.Materials.FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(TrainingMaterial), id);
        if (!await CanEditAsync(material, cancellationToken))
        {
            throw new ForbiddenException("Only the material's authors change it.");
        }
        return material;
    }

    private async Task SaveAsync(TrainingMaterial material, CancellationToken cancellationToken)
    {
        await db.SaveOrConflictAsync(nameof(TrainingMaterial), material.Id, async ct =>
            await ToDtoAsync(await db.Materials.AsNoTracking().SingleAsync(m => m.Id == material.Id, ct), ct), cancellationToken);
    }

    private Task<List<TrainingMaterial>> GroupAsync(Guid groupId, CancellationToken cancellationToken)
        => db.Materials.AsNoTracking().Where(m => m.TranslationGroupId == groupId).ToListAsync(cancellationToken);

    private static TranslationGroups.Member Member(TrainingMaterial m) => new(m.Id, m.TranslationGroupId, m.Language);

    internal static MaterialContent ContentOf(MaterialDetails d) => new(
        d.Title!.Trim(), string.IsNullOrWhiteSpace(d.Summary) ? null : d.Summary.Trim(),
        d.Topics?.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [],
        d.Audiences!.Distinct().ToList(), d.Language!, d.Level!.Value, d.DurationMinutes, d.AuthoringPartnerIds!.Distinct().ToList(),
        d.Licence!.Trim(), d.Activity!.Value);

    internal async Task<MaterialDto> ToDtoAsync(TrainingMaterial m, CancellationToken cancellationToken)
    {
        var versions = new List<MaterialFileVersionDto>();
        string? preview = null;
        if (m.DocumentId is { } documentId && await files.FindAsync(documentId, cancellationToken) is { } document)
        {
            versions = document.Versions.Select(v => new MaterialFileVersionDto(v.Number, v.FileName, v.Size, v.CreatedAtUtc)).ToList();
            var latest = document.Versions.FirstOrDefault();
            if (latest is { TextState: VersionTextState.Extracted } || document.FileType is DocumentFileType.Markdown or DocumentFileType.Text)
            {
                var text = await files.ReadTextAsync(documentId, document.LatestVersionNumber, cancellationToken);
                preview = text is { Length: > PreviewLength } ? text[..PreviewLength] + "…" : text;
            }
        }
        var translations = await db.Materials.AsNoTracking()
            .Where(t => t.TranslationGroupId == m.TranslationGroupId && t.Id != m.Id)
            .Select(t => new TranslationDto(t.Id, t.Language, t.Title, t.Visibility)).ToListAsync(cancellationToken);
        var downloads = await db.DownloadMonths.AsNoTracking().Where(d => d.MaterialId == m.Id).OrderByDescending(d => d.Month).Take(24)
            .Select(d => new MonthlyDownloadsDto(d.Month / 100, d.Month % 100, d.Count)).ToListAsync(cancellationToken);
        var usedIn = await db.Collections.AsNoTracking().Where(c => c.MaterialIds.Contains(m.Id)).OrderBy(c => c.Title)
            .Select(c => new CollectionRefDto(c.Id, c.Title)).ToListAsync(cancellationToken);
        return new MaterialDto(MaterialFilters.ToSummary(m), m.Url, m.Licence, m.WorkspaceId, m.DocumentId, versions, preview,
            translations.OrderBy(t => TrainingConsts.Languages.ToList().IndexOf(t.Language)).ToList(), downloads, usedIn,
            await CanEditAsync(m, cancellationToken), m.ConcurrencyStamp);
    }
}
