using System.Collections.Concurrent;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// The subject type every test portal registers (no module of the portal has one yet: Publications will): any id is a
/// subject; a test that needs authors, partners, a workspace or fields describes it first with <see cref="Describe"/>.
/// </summary>
internal sealed class TestSubjects : IWorkflowSubjectType
{
    public const string TypeName = "tests.subject";

    private static readonly ConcurrentDictionary<Guid, WorkflowSubject> Described = new();

    public string Name => TypeName;
    public Type LocalizationResource => typeof(WorkflowsResource);
    public string DisplayNameKey => "Instances.Subject";
    public IReadOnlyList<string> ConditionFields => ["type"];

    public static Guid Describe(Guid? authorId = null, IReadOnlyList<Guid>? partners = null, string type = "Op-ed")
    {
        var id = Guid.NewGuid();
        Described[id] = new WorkflowSubject(id, $"Policy brief {id.ToString("N")[..6]}", $"/tests/subjects/{id}",
            authorId is { } a ? [a] : [], partners ?? [], null, new Dictionary<string, string> { ["type"] = type });
        return id;
    }

    public Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default)
        => Task.FromResult<WorkflowSubject?>(Described.TryGetValue(subjectId, out var subject)
            ? subject
            : new WorkflowSubject(subjectId, $"Subject {subjectId.ToString("N")[..6]}", null, [], [], null, new Dictionary<string, string>()));

    public static void AddTo(IServiceCollection services) => services.AddScoped<IWorkflowSubjectType, TestSubjects>();
}

/// <summary>Definitions and instances made through the module's own services, for tests and matrix rows that need one.</summary>
internal static class WorkflowsSetUp
{
    public static LocalizedName Name(string en) => new(en, en + " (sq)", en + " (sr)", null);

    public static WorkflowStageDto Stage(string id, AssigneeRule assignee, DecisionRule? rule = null, StageDeadline? deadline = null)
        => new(id, StageKind.Approval, Name(id), [assignee], rule ?? new DecisionRule(DecisionRuleKind.Any), deadline);

    public static AssigneeRule Users(params Guid[] ids) => new(AssigneeKinds.Users, UserIds: ids);

    public static async Task<WorkflowDefinitionDto> PublishAsync(IServiceProvider services, string key, params WorkflowStageDto[] stages)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>()
            .PublishAsync(new PublishWorkflowDefinitionRequest(key, Name("Definition " + key), null, stages));
    }

    /// <summary>A draft of <paramref name="key"/>'s next version that would publish as it is.</summary>
    public static async Task<WorkflowDefinitionDraftDto> DraftAsync(IServiceProvider services, string key, params WorkflowStageDto[] stages)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionDrafts>()
            .SaveAsync(new SaveWorkflowDraftRequest(key, Name("Draft " + key), null, stages, null));
    }

    public static async Task<WorkflowInstanceDto> StartAsync(IServiceProvider services, string key, Guid? subjectId = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflows>()
            .StartAsync(new StartWorkflowRequest(TestSubjects.TypeName, subjectId ?? TestSubjects.Describe(), key));
    }

    /// <summary>A new definition with one stage assigned to <paramref name="assigneeId"/>, and an instance of it: its open task.</summary>
    public static async Task<(WorkflowInstanceDto Instance, Guid TaskId)> TaskForAsync(IServiceProvider services, Guid assigneeId)
    {
        var key = "tests.one-" + Guid.NewGuid().ToString("N")[..10];
        await PublishAsync(services, key, Stage("review", Users(assigneeId)));
        var instance = await StartAsync(services, key);
        return (instance, instance.OpenTasks.Single().Id);
    }

    /// <summary>A delegation of <paramref name="delegatorId"/>'s tasks, for a week, stored as the module stores one.</summary>
    public static async Task<Guid> DelegationAsync(IServiceProvider services, Guid delegatorId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Workflows.Data.WorkflowsDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var delegation = Consortium.Portal.Workflows.Domain.WorkflowDelegation.For(delegatorId, Guid.NewGuid(), now, now.AddDays(7));
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync();
        return delegation.Id;
    }

    /// <summary>An instance whose only stage has nobody to ask (a subject without authors): it holds an open incident.</summary>
    public static async Task<(WorkflowInstanceDto Instance, Guid IncidentId)> IncidentAsync(IServiceProvider services)
    {
        var key = "tests.stuck-" + Guid.NewGuid().ToString("N")[..10];
        await PublishAsync(services, key, Stage("authors", new AssigneeRule(AssigneeKinds.Authors)));
        var instance = await StartAsync(services, key);
        return (instance, instance.OpenIncidents.Single().Id);
    }
}
