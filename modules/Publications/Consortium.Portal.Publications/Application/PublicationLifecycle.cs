using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Text;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Publications.Application;

/// <summary>
/// What the API and the pages do with publications: create and edit drafts, submit into the chosen workflow, publish
/// the approved ones after the final files' check, withdraw. Authors act on their own publications; holders of
/// <see cref="PublicationsPermissions.Manage"/> on every one.
/// </summary>
internal sealed class PublicationLifecycle(
    PublicationsDbContext db,
    ICurrentUser currentUser,
    IPermissionChecker permissions,
    IUserDirectory users,
    IWorkspaceAccess workspaces,
    IDocumentFiles documents,
    IWorkflows workflows,
    SharedTransaction sharedTransaction,
    FinalFileCheck finalFiles,
    TimeProvider clock,
    IStringLocalizer<PublicationsResource> text,
    IValidator<CreatePublicationRequest> createRules,
    IValidator<UpdatePublicationRequest> updateRules,
    IValidator<SubmitPublicationRequest> submitRules,
    IValidator<PublishPublicationRequest> publishRules,
    IValidator<WithdrawPublicationRequest> withdrawRules)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<PublicationSummaryDto>> ListAsync(PublicationListQuery query, CancellationToken cancellationToken = default)
    {
        var page = query.ToPage(PublicationListQuery.DefaultPageSize, PublicationListQuery.MaxPageSize);
        var list = db.Publications.AsNoTracking();
        if (query.State is { } state)
        {
            list = list.Where(p => p.State == state);
        }
        if (query.WorkspaceId is { } workspaceId)
        {
            list = list.Where(p => p.WorkspaceId == workspaceId);
        }
        var total = await list.CountAsync(cancellationToken);
        var items = await list.OrderByDescending(p => p.ModifiedAtUtc ?? p.CreatedAtUtc).ThenBy(p => p.Id).Skip(page.Skip).Take(page.Take)
            .Select(p => new PublicationSummaryDto(p.Id, p.Type, p.Title, p.State, p.Languages, p.AuthoringPartnerIds, p.Activity, p.PublishedOn, p.ModifiedAtUtc ?? p.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return new PagedResult<PublicationSummaryDto>(items, total, page.Page, page.PageSize);
    }

    public async Task<PublicationDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
        => ToDto(await db.Publications.AsNoTracking().Include(p => p.Files).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                 ?? throw new EntityNotFoundException(nameof(Publication), id));

    public async Task<PublicationDto> CreateAsync(CreatePublicationRequest request, CancellationToken cancellationToken = default)
    {
        await createRules.EnsureValidAsync(request, cancellationToken);
        var me = currentUser.Id ?? throw new ForbiddenException("Only a signed-in user may start a publication.");
        var workspaceId = request.WorkspaceId!.Value;
        // As everywhere in workspaces: one the user cannot see does not exist for them; one they only see is forbidden.
        if (!await workspaces.CanAsync(workspaceId, me, WorkspaceAction.View, cancellationToken))
        {
            throw new EntityNotFoundException("Workspace", workspaceId);
        }
        if (!await workspaces.CanAsync(workspaceId, me, WorkspaceAction.Edit, cancellationToken))
        {
            throw new ForbiddenException("Only the workspace's editors may start a publication in it.");
        }
        // The creator is always an author: a draft nobody may edit would be lost.
        var authorIds = (request.AuthorIds ?? []).Append(me).Distinct().ToList();
        var content = await ContentAsync(request.Type!.Value, request.Title!, request.Summary, request.Tags, request.Languages!, authorIds,
            workspaceId, request.ManuscriptDocumentId!.Value, request.TargetOutlet, request.Activity!.Value, cancellationToken);
        var publication = Publication.Draft(content, workspaceId);
        db.Publications.Add(publication);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(publication);
    }

    public async Task<PublicationDto> UpdateAsync(Guid id, UpdatePublicationRequest request, CancellationToken cancellationToken = default)
    {
        await updateRules.EnsureValidAsync(request, cancellationToken);
        var publication = await LoadForAuthorAsync(id, request.ConcurrencyStamp!.Value, cancellationToken);
        var content = await ContentAsync(request.Type!.Value, request.Title!, request.Summary, request.Tags, request.Languages!, request.AuthorIds!.Distinct().ToList(),
            publication.WorkspaceId, request.ManuscriptDocumentId!.Value, request.TargetOutlet, request.Activity!.Value, cancellationToken);
        publication.Edit(content);
        return await SaveAsync(publication, cancellationToken);
    }

    /// <summary>
    /// Into approval. The publication's new state and the workflow's start (or resumption, after requested changes) are
    /// one transaction (<see cref="SharedTransaction"/>): a refusal of the start (a workflow already running: 409, an
    /// unknown definition: 404) or a crash between the two leaves the publication as it was and no workflow. The save
    /// under the client's stamp comes first, so of two submits only one reaches the workflow.
    /// </summary>
    public async Task<PublicationDto> SubmitAsync(Guid id, SubmitPublicationRequest request, CancellationToken cancellationToken = default)
    {
        await submitRules.EnsureValidAsync(request, cancellationToken);
        var publication = await LoadForAuthorAsync(id, request.ConcurrencyStamp!.Value, cancellationToken);
        var resuming = publication.State == PublicationState.ChangesRequested;
        var definitionKey = string.IsNullOrWhiteSpace(request.DefinitionKey) ? PublicationsConsts.DefaultWorkflow : request.DefinitionKey.Trim();
        await sharedTransaction.RunAsync(db, async () =>
        {
            publication.Submit(definitionKey, Now);
            await SaveAsync(publication, cancellationToken);
            if (resuming)
            {
                await workflows.ResubmitAsync(PublicationsConsts.SubjectType, id, request.Comment, cancellationToken);
            }
            else
            {
                await workflows.StartAsync(new StartWorkflowRequest(PublicationsConsts.SubjectType, id, publication.WorkflowDefinitionKey), cancellationToken);
            }
            return true;
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<PublicationDto> PublishAsync(Guid id, PublishPublicationRequest request, CancellationToken cancellationToken = default)
    {
        await publishRules.EnsureValidAsync(request, cancellationToken);
        var publication = await LoadForAuthorAsync(id, request.ConcurrencyStamp!.Value, cancellationToken);
        if (publication.State != PublicationState.Approved)
        {
            throw new PublicationStateException("Error.NotApproved");
        }
        var missing = publication.Languages.Where(l => request.Files!.All(f => f.Language != l)).ToList();
        if (missing.Count > 0)
        {
            throw RequestValidationException.For("files", text["Validation.FileMissingForLanguage", string.Join(", ", missing)]);
        }
        var files = await ResolveFilesAsync(publication, request.Files!, cancellationToken);
        var checks = await finalFiles.CheckAsync(publication, files, cancellationToken);
        var refusals = new Dictionary<string, string[]>();
        for (var i = 0; i < checks.Count; i++)
        {
            if (finalFiles.Describe(checks[i]) is { } problem)
            {
                refusals[$"files[{i}]"] = [problem];
            }
        }
        if (refusals.Count > 0)
        {
            throw new RequestValidationException(refusals);
        }
        var today = DateOnly.FromDateTime(Now);
        publication.Publish(files.Select(f => new PublicationFile(f.Language, f.DocumentId, f.Version.Number, f.Version.FileName, f.Version.Size, f.Version.ContentType, f.Version.Sha256)).ToList(),
            request.PublishedOn ?? today, string.IsNullOrWhiteSpace(request.OutletUrl) ? null : request.OutletUrl.Trim(), Slugs.For(publication.Title, publication.Id), Now);
        return await SaveAsync(publication, cancellationToken);
    }

    public async Task<PublicationDto> WithdrawAsync(Guid id, WithdrawPublicationRequest request, CancellationToken cancellationToken = default)
    {
        await withdrawRules.EnsureValidAsync(request, cancellationToken);
        var publication = await LoadForAuthorAsync(id, request.ConcurrencyStamp!.Value, cancellationToken);
        publication.Withdraw(request.Reason!.Trim(), Now);
        return await SaveAsync(publication, cancellationToken);
    }

    /// <summary>Whether the signed-in user may act on the publication as its authors do.</summary>
    public async Task<bool> MayActOnAsync(PublicationDto publication, CancellationToken cancellationToken = default)
        => currentUser.Id is { } me && (publication.AuthorIds.Contains(me) || await permissions.IsGrantedAsync(currentUser.Principal, PublicationsPermissions.Manage, cancellationToken));

    private async Task<Publication> LoadForAuthorAsync(Guid id, Guid stamp, CancellationToken cancellationToken)
    {
        var publication = await db.Publications.Include(p => p.Files).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                          ?? throw new EntityNotFoundException(nameof(Publication), id);
        var me = currentUser.Id;
        if (me is null || (!publication.AuthorIds.Contains(me.Value) && !await permissions.IsGrantedAsync(currentUser.Principal, PublicationsPermissions.Manage, cancellationToken)))
        {
            throw new ForbiddenException("Only the publication's authors, or a coordinator, may change it.");
        }
        // The save is conditional on the stamp the client read: a change to a stale copy ends in a 409.
        db.ExpectConcurrencyStamp(publication, stamp);
        return publication;
    }

    private async Task<PublicationDto> SaveAsync(Publication publication, CancellationToken cancellationToken)
    {
        await db.SaveOrConflictAsync(nameof(Publication), publication.Id, async ct =>
            ToDto(await db.Publications.AsNoTracking().Include(p => p.Files).SingleAsync(p => p.Id == publication.Id, ct)), cancellationToken);
        return ToDto(publication);
    }

    /// <summary>Checks what points outside the module (authors, the manuscript) and derives the authoring partners.</summary>
    private async Task<PublicationContent> ContentAsync(PublicationType type, string title, string? summary, IReadOnlyList<string>? tags, IReadOnlyList<string> languages,
        IReadOnlyList<Guid> authorIds, Guid workspaceId, Guid manuscriptId, string? outlet, int activity, CancellationToken cancellationToken)
    {
        var authors = await users.GetUsersAsync(authorIds, cancellationToken);
        var unknown = authorIds.Where(id => authors.All(a => a.Id != id || a.IsDisabled)).ToList();
        if (unknown.Count > 0)
        {
            throw RequestValidationException.For("authorIds", text["Validation.UnknownAuthors"]);
        }
        var manuscript = await documents.FindAsync(manuscriptId, cancellationToken);
        if (manuscript is null || manuscript.WorkspaceId != workspaceId)
        {
            throw RequestValidationException.For("manuscriptDocumentId", text["Validation.ManuscriptNotInWorkspace"]);
        }
        var partners = authors.Select(a => a.PartnerOrganisationId).OfType<Guid>().Distinct().ToList();
        return new PublicationContent(type, title.Trim(), string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(),
            (tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            PublicationsConsts.Languages.Where(languages.Contains).ToList(), authorIds, partners, manuscriptId,
            string.IsNullOrWhiteSpace(outlet) ? null : outlet.Trim(), activity);
    }

    private async Task<IReadOnlyList<ResolvedFile>> ResolveFilesAsync(Publication publication, IReadOnlyList<PublicationFileRequest> files, CancellationToken cancellationToken)
    {
        var resolved = new List<ResolvedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var document = await documents.FindAsync(file.DocumentId!.Value, cancellationToken);
            var version = document is null || document.WorkspaceId != publication.WorkspaceId
                ? null
                : document.Versions.FirstOrDefault(v => v.Number == (file.VersionNumber ?? document.LatestVersionNumber));
            if (version is null)
            {
                throw RequestValidationException.For($"files[{i}]", text["Validation.FileNotInWorkspace"]);
            }
            resolved.Add(new ResolvedFile(file.Language!, document!.Id, version));
        }
        return resolved;
    }

    internal static PublicationDto ToDto(Publication p) => new(p.Id, p.Type, p.Title, p.Summary, p.Tags, p.Languages, p.AuthorIds, p.AuthoringPartnerIds,
        p.WorkspaceId, p.ManuscriptDocumentId, p.TargetOutlet, p.Activity, p.State, p.WorkflowDefinitionKey, p.ReviewComment, p.PublishedOn, p.OutletUrl, p.Slug,
        p.Files.OrderBy(f => PublicationsConsts.Languages.ToList().IndexOf(f.Language))
            .Select(f => new PublicationFileDto(f.Language, f.DocumentId, f.VersionNumber, f.FileName, f.Size, f.ContentType)).ToList(),
        p.WithdrawalReason, p.WithdrawnAtUtc, p.CreatedAtUtc, p.ModifiedAtUtc, p.ConcurrencyStamp);
}

/// <summary>A final file asked for, found in the workspace at its version.</summary>
internal sealed record ResolvedFile(string Language, Guid DocumentId, DocumentFileVersionDto Version);
