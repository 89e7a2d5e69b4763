using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>Definitions: listed by key with their latest version, read by version, published as the next version.</summary>
internal sealed class WorkflowDefinitions(WorkflowsDbContext db, IValidator<PublishWorkflowDefinitionRequest> rules, ICurrentUser currentUser, TimeProvider clock,
    WorkflowContextReader contexts, IUserDirectory users) : IWorkflowDefinitionSeeds
{
    public async Task<bool> EnsurePublishedAsync(PublishWorkflowDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        var key = request.Key?.Trim();
        if (key is not null && await db.Definitions.AnyAsync(d => d.Key == key, cancellationToken))
        {
            return false;
        }
        try
        {
            await PublishAsync(request, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance seeded it at the same start: version 1 exists, which is all a seed asks.
            return false;
        }
    }

    /// <summary>
    /// Who each approval stage of the latest version would ask today, by name. Kinds that depend on the subject (authors,
    /// their partners' leads, the workspace's reviewers) are answered for a subject that has none: the page says so.
    /// </summary>
    public async Task<IReadOnlyList<StagePreview>> PreviewAsync(string key, CancellationToken cancellationToken = default)
    {
        var definition = await GetAsync(key, null, cancellationToken);
        var graph = new DefinitionGraph(definition.Stages);
        var nobody = new WorkflowSubject(Guid.Empty, "", null, [], [], null, new Dictionary<string, string>());
        var context = await contexts.ReadAsync(graph, nobody, null, cancellationToken);
        var everyone = context.AssigneesByStage.Values.SelectMany(c => c).Select(c => c.UserId).Distinct().ToList();
        var names = (await users.GetUsersAsync(everyone, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        return graph.ApprovalStages.Select(stage => new StagePreview(
            stage.Id!, stage.Name ?? new LocalizedName("", "", "", ""),
            context.AssigneesOf(stage.Id!).Where(c => c.IsEnabled).Select(c => names.GetValueOrDefault(c.UserId) ?? c.UserId.ToString()).Order().ToList(),
            (stage.Assignees ?? []).Any(a => a.Kind is AssigneeKinds.Authors or AssigneeKinds.AuthoringPartnerLeads or AssigneeKinds.WorkspaceReviewers)))
            .ToList();
    }

    /// <summary>
    /// Each definition's latest published version; with <paramref name="subjectType"/>, those that may run for it (its
    /// own and those for any subject). A Serbian Cyrillic name left empty is given from the Latin, so callers in other
    /// modules show <see cref="LocalizedName.For"/> in any of the four languages.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowDefinitionSummaryDto>> ListAsync(string? subjectType = null, CancellationToken cancellationToken = default)
    {
        var latest = db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(o => o.Key == d.Key).Max(o => o.Version));
        if (!string.IsNullOrWhiteSpace(subjectType))
        {
            var type = subjectType.Trim();
            latest = latest.Where(d => d.SubjectType == null || d.SubjectType == type);
        }
        return (await latest.OrderBy(d => d.Key).ToListAsync(cancellationToken))
            .Select(d => new WorkflowDefinitionSummaryDto(d.Key, d.Version, WithCyrillic(d.Name), d.SubjectType, d.PublishedAtUtc)).ToList();
    }

    private static LocalizedName WithCyrillic(LocalizedName name)
        => string.IsNullOrWhiteSpace(name.SrCyrl) && !string.IsNullOrWhiteSpace(name.SrLatn)
            ? name with { SrCyrl = SerbianTransliterator.ToCyrillic(name.SrLatn) }
            : name;

    /// <summary>The given version, or the latest when none is given.</summary>
    public async Task<WorkflowDefinitionDto> GetAsync(string key, int? version, CancellationToken cancellationToken = default)
    {
        var query = db.Definitions.AsNoTracking().Where(d => d.Key == key);
        var definition = version is { } v
            ? await query.SingleOrDefaultAsync(d => d.Version == v, cancellationToken)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return definition?.ToDto() ?? throw new EntityNotFoundException(nameof(WorkflowDefinition), version is null ? key : $"{key}@{version}");
    }

    /// <summary>Every published version of <paramref name="key"/>, newest first.</summary>
    public async Task<IReadOnlyList<WorkflowDefinitionVersionDto>> VersionsAsync(string key, CancellationToken cancellationToken = default)
    {
        var versions = (await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).ToListAsync(cancellationToken))
            .Select(d => d.ToDto())
            .Select(d => new WorkflowDefinitionVersionDto(d.Version, d.PublishedAtUtc, d.PublishedBy, new DefinitionGraph(d.Stages).AllStages.Count()))
            .ToList();
        return versions.Count > 0 ? versions : throw new EntityNotFoundException(nameof(WorkflowDefinition), key);
    }

    /// <summary>Versions <paramref name="from"/> and <paramref name="to"/> of <paramref name="key"/> side by side, with what changed between them.</summary>
    public async Task<DefinitionComparisonDto> CompareAsync(string key, int from, int to, CancellationToken cancellationToken = default)
        => VersionComparison.Compare(await GetAsync(key, from, cancellationToken), await GetAsync(key, to, cancellationToken));

    /// <summary>Publishes the next version; running instances stay on the version they started with.</summary>
    public async Task<WorkflowDefinitionDto> PublishAsync(PublishWorkflowDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        await rules.EnsureValidAsync(request, cancellationToken);
        var key = request.Key!.Trim();
        var next = (await db.Definitions.Where(d => d.Key == key).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0) + 1;
        var definition = WorkflowDefinition.Publish(key, next, request.Name!, string.IsNullOrWhiteSpace(request.SubjectType) ? null : request.SubjectType.Trim(),
            Normalize(request.Stages!), clock.GetUtcNow().UtcDateTime, currentUser.Id);
        db.Definitions.Add(definition);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (key, version) index: another coordinator published this number first.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(nameof(WorkflowDefinition), key, await GetAsync(key, null, cancellationToken));
        }
        return definition.ToDto();
    }

    /// <summary>Trimmed names and ids, so what is stored is what the engine compares.</summary>
    private static IReadOnlyList<WorkflowStageDto> Normalize(IReadOnlyList<WorkflowStageDto> stages)
        => stages.Select(s => s with
        {
            Id = s.Id!.Trim(),
            Name = s.Name is null ? null : new LocalizedName(s.Name.En?.Trim(), s.Name.Sq?.Trim(), s.Name.SrLatn?.Trim(), s.Name.SrCyrl?.Trim()),
            Field = s.Field?.Trim(),
            EqualsValue = s.EqualsValue?.Trim(),
            Branches = s.Branches?.Select(b => (IReadOnlyList<WorkflowStageDto>)Normalize(b)).ToList(),
            Then = s.Then is null ? null : Normalize(s.Then),
            Else = s.Else is null ? null : Normalize(s.Else),
        }).ToList();
}

/// <summary>An approval stage and the people it would ask today; <see cref="DependsOnSubject"/> when more would come from the subject.</summary>
internal sealed record StagePreview(string StageId, LocalizedName Name, IReadOnlyList<string> People, bool DependsOnSubject);
