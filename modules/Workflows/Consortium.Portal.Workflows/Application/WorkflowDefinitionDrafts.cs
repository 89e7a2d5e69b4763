using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// The drafts of definitions' next versions (one per key): saved as often as the coordinator likes, whether valid or
/// not, and published as the next version when they pass the publishing rules. Each save and the publish go by the
/// draft's stamp, so of two coordinators editing one draft the second to save gets a 409 with the first one's draft.
/// </summary>
internal sealed class WorkflowDefinitionDrafts(WorkflowsDbContext db, IValidator<SaveWorkflowDraftRequest> rules, WorkflowDefinitions definitions, IUserDirectory users,
    IStringLocalizer<PlatformResource> platformText)
{
    /// <summary>Every draft, the most recently saved first.</summary>
    public async Task<IReadOnlyList<WorkflowDefinitionDraftDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var drafts = await db.Drafts.AsNoTracking().ToListAsync(cancellationToken);
        return (await ToDtosAsync(drafts, cancellationToken)).OrderByDescending(d => d.SavedAtUtc).ToList();
    }

    /// <summary>The key's draft, or none (the API's GET answers 404 then, the editor starts afresh).</summary>
    public async Task<WorkflowDefinitionDraftDto?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        return draft is null ? null : (await ToDtosAsync([draft], cancellationToken))[0];
    }

    /// <summary>The key's draft; none is a 404.</summary>
    public async Task<WorkflowDefinitionDraftDto> GetAsync(string key, CancellationToken cancellationToken = default)
        => await FindAsync(key, cancellationToken) ?? throw new EntityNotFoundException(nameof(WorkflowDefinitionDraft), key);

    /// <summary>Starts the key's draft (no stamp given) or replaces it (the stamp as read).</summary>
    public async Task<WorkflowDefinitionDraftDto> SaveAsync(SaveWorkflowDraftRequest request, CancellationToken cancellationToken = default)
    {
        await rules.EnsureValidAsync(request, cancellationToken);
        var key = request.Key!.Trim();
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (draft is null)
        {
            if (request.ConcurrencyStamp is not null)
            {
                // Read, then published or discarded by someone else: saving it again would bring back what they ended.
                throw new ConcurrencyConflictException(nameof(WorkflowDefinitionDraft), key);
            }
            draft = WorkflowDefinitionDraft.Start(key);
            db.Drafts.Add(draft);
        }
        else
        {
            // Someone else started this draft since the coordinator began: no stamp is a stale read too.
            db.ExpectConcurrencyStamp(draft, request.ConcurrencyStamp ?? Guid.Empty);
        }
        draft.Replace(request.Name, request.SubjectType, request.Stages);
        try
        {
            await db.SaveOrConflictAsync(nameof(WorkflowDefinitionDraft), key, CurrentAsync(key), cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(draft).State == EntityState.Added)
        {
            // The unique key: another coordinator started this draft at the same moment.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(nameof(WorkflowDefinitionDraft), key, await CurrentAsync(key)(cancellationToken));
        }
        return await GetAsync(key, cancellationToken);
    }

    /// <summary>Publishes the draft, as read, as the definition's next version and removes it, in one save.</summary>
    public async Task<WorkflowDefinitionDto> PublishAsync(string key, PublishWorkflowDraftRequest request, CancellationToken cancellationToken = default)
    {
        var draft = await TrackedAsync(key, request.ConcurrencyStamp, cancellationToken);
        db.Drafts.Remove(draft);
        // The publishing rules apply as to any definition; the draft's removal rides on the version's save, and a draft
        // changed meanwhile makes that save a conflict, so nobody publishes what they did not see.
        return await definitions.PublishAsync(draft.ToPublishRequest(), cancellationToken);
    }

    /// <summary>Throws the draft, as read, away; the published versions stay as they are.</summary>
    public async Task DiscardAsync(string key, Guid? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var draft = await TrackedAsync(key, concurrencyStamp, cancellationToken);
        db.Drafts.Remove(draft);
        await db.SaveOrConflictAsync(nameof(WorkflowDefinitionDraft), key, CurrentAsync(key), cancellationToken);
    }

    private async Task<WorkflowDefinitionDraft> TrackedAsync(string key, Guid? concurrencyStamp, CancellationToken cancellationToken)
    {
        // A request without the stamp is refused before anything is read, as a validator would refuse a body without it.
        var stamp = ConcurrencyStamps.Required(concurrencyStamp, platformText);
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Key == key, cancellationToken)
                    ?? throw new EntityNotFoundException(nameof(WorkflowDefinitionDraft), key);
        db.ExpectConcurrencyStamp(draft, stamp);
        return draft;
    }

    // What is there now, for a 409: the draft as the winner saved it, or nothing when it is gone.
    private Func<CancellationToken, Task<WorkflowDefinitionDraftDto?>> CurrentAsync(string key) => async cancellationToken =>
    {
        var current = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        return current is null ? null : (await ToDtosAsync([current], cancellationToken))[0];
    };

    private async Task<IReadOnlyList<WorkflowDefinitionDraftDto>> ToDtosAsync(IReadOnlyList<WorkflowDefinitionDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count == 0)
        {
            return [];
        }
        var keys = drafts.Select(d => d.Key).ToList();
        var latest = await db.Definitions.AsNoTracking().Where(d => keys.Contains(d.Key))
            .GroupBy(d => d.Key).Select(g => new { g.Key, Version = g.Max(d => d.Version) })
            .ToDictionaryAsync(x => x.Key, x => x.Version, cancellationToken);
        var savers = drafts.Select(d => d.Saved.By).OfType<Guid>().Distinct().ToList();
        var names = savers.Count == 0
            ? new Dictionary<Guid, string>()
            : (await users.GetUsersAsync(savers, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        return drafts.Select(d => new WorkflowDefinitionDraftDto(d.Key, d.Name, d.SubjectType, d.Stages, d.Saved.AtUtc, d.Saved.By,
                d.Saved.By is { } by ? names.GetValueOrDefault(by) : null, latest.TryGetValue(d.Key, out var v) ? v : null, d.ConcurrencyStamp))
            .ToList();
    }
}
