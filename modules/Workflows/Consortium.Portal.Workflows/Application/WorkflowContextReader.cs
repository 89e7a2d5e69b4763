using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Domain;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// Reads what the engine needs before it runs (<see cref="EngineContext"/>): the subject from its module, every approval
/// stage's assignees from the resolvers, each person's side and whether they can sign in, and the coordinators.
/// </summary>
internal sealed class WorkflowContextReader(
    IEnumerable<IWorkflowSubjectType> subjectTypes,
    IEnumerable<IWorkflowAssigneeResolver> resolvers,
    IUserDirectory users,
    PeopleInRole people,
    TimeProvider clock)
{
    public IWorkflowSubjectType SubjectType(string name)
        => subjectTypes.FirstOrDefault(t => t.Name == name)
           ?? throw new DomainRuleException("Error.SubjectTypeUnknown", typeof(WorkflowsResource), name);

    /// <summary>The registered type of that name; null when no module registers it (any more).</summary>
    public IWorkflowSubjectType? FindSubjectType(string name) => subjectTypes.FirstOrDefault(t => t.Name == name);

    /// <summary>The subject as its module describes it now; for an instance whose subject is gone, what the instance remembers.</summary>
    public async Task<WorkflowSubject> SubjectOfAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var type = subjectTypes.FirstOrDefault(t => t.Name == instance.SubjectType);
        var subject = type is null ? null : await type.DescribeAsync(instance.SubjectId, cancellationToken);
        return subject ?? new WorkflowSubject(instance.SubjectId, instance.SubjectTitle, instance.SubjectLink, [], [], null, new Dictionary<string, string>());
    }

    public async Task<EngineContext> ReadAsync(DefinitionGraph graph, WorkflowSubject subject, IEnumerable<Guid>? alsoKnow, CancellationToken cancellationToken)
    {
        var byStage = new Dictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        foreach (var stage in graph.ApprovalStages)
        {
            var ids = new List<Guid>();
            foreach (var rule in stage.Assignees ?? [])
            {
                var resolver = resolvers.LastOrDefault(r => r.Kind == rule.Kind);
                if (resolver is not null)
                {
                    ids.AddRange(await resolver.ResolveAsync(rule, subject, cancellationToken));
                }
            }
            byStage[stage.Id!] = ids.Distinct().ToList();
        }
        var coordinatorIds = await people.OfAsync(PortalRoles.Coordinator, cancellationToken);
        var named = graph.ApprovalStages.Select(s => s.Deadline?.EscalateToUserId).OfType<Guid>();
        var everyone = byStage.Values.SelectMany(v => v).Concat(coordinatorIds).Concat(named).Concat(alsoKnow ?? []).Distinct().ToList();
        var candidates = await CandidatesAsync(everyone, cancellationToken);
        Candidate Of(Guid id) => candidates.TryGetValue(id, out var c) ? c : new Candidate(id, null, false);
        return new EngineContext(
            clock.GetUtcNow().UtcDateTime,
            subject,
            byStage.ToDictionary(s => s.Key, s => (IReadOnlyList<Candidate>)s.Value.Select(Of).ToList(), StringComparer.Ordinal),
            coordinatorIds.Order().Select(Of).ToList(),
            UserTimeZone.Resolve(null),
            candidates);
    }

    /// <summary>The people by id; someone the directory does not know is a candidate who cannot sign in.</summary>
    public async Task<Dictionary<Guid, Candidate>> CandidatesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var found = await users.GetUsersAsync(userIds, cancellationToken);
        var partners = found.Any(u => u.PartnerOrganisationId is not null)
            ? (await users.GetPartnersAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Side)
            : [];
        var known = found.ToDictionary(u => u.Id, u => new Candidate(u.Id,
            u.PartnerOrganisationId is { } partner && partners.TryGetValue(partner, out var side) ? side : null, !u.IsDisabled));
        foreach (var id in userIds.Where(id => !known.ContainsKey(id)))
        {
            known[id] = new Candidate(id, null, false);
        }
        return known;
    }
}
