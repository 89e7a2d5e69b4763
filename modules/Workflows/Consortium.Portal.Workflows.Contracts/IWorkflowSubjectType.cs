namespace Consortium.Portal.Workflows;

/// <summary>
/// A kind of thing workflows approve, registered by the module that owns it
/// (<c>services.AddScoped&lt;IWorkflowSubjectType, PublicationSubjects&gt;()</c>). The engine asks it about a subject
/// whenever a stage is entered: for its title and link, the fields conditions branch on, and who its authors are.
/// </summary>
public interface IWorkflowSubjectType
{
    /// <summary>module.kind, lower case, for example <c>publications.publication</c>; stored with every instance.</summary>
    string Name { get; }

    /// <summary>The owning module's localization resource and the key of the type's display name in it.</summary>
    Type LocalizationResource { get; }

    string DisplayNameKey { get; }

    /// <summary>
    /// The fields a definition's conditions may branch on (for example <c>type</c>). The definition editor labels each
    /// with the key <c>WorkflowField.{field}</c> of <see cref="LocalizationResource"/> when the module has one
    /// (<see cref="WorkflowSubjectFields.FieldKeyPrefix"/>).
    /// </summary>
    IReadOnlyList<string> ConditionFields { get; }

    /// <summary>
    /// The values each condition field may have, each with its label in <see cref="LocalizationResource"/>: the editor
    /// offers them as a choice and a definition naming another value is refused. A field not listed here (a list of
    /// languages, say, whose combinations are too many to offer) takes any text.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> ConditionValues => WorkflowSubjectFields.AnyValues;

    /// <summary>The subject as it is now; null when it does not exist (any more).</summary>
    Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the owning module tells the assignees of the tasks a workflow opens as it starts itself, with what only
    /// it knows (Training's translation request names who asked and their message, and links to the task inbox): the
    /// engine then sends no "your approval is asked" for those tasks, so nobody hears of one task twice. Reminders,
    /// escalations and tasks opened later are the engine's as always.
    /// </summary>
    bool AnnouncesStartingTasks => false;

    /// <summary>
    /// Asked before an assignee's approval of an open task is recorded. A subject that may not be approved as it stands
    /// throws the Platform's <c>DomainRuleException</c> with its own code and localized text (a 400 for the API, the
    /// message on the page) and nothing changes; the task stays open.
    /// </summary>
    Task EnsureMayApproveAsync(Guid subjectId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>Pages of the Workflows module that other modules link to.</summary>
public static class WorkflowLinks
{
    /// <summary>The signed-in person's task inbox.</summary>
    public const string TaskInbox = "/workflows/tasks";
}

public static class WorkflowSubjectFields
{
    /// <summary>The prefix of a condition field's label key in the subject type's localization resource.</summary>
    public const string FieldKeyPrefix = "WorkflowField.";

    /// <summary>No field has a fixed set of values: every value is text.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> AnyValues = new Dictionary<string, IReadOnlyList<WorkflowFieldValue>>();
}

/// <summary>One value a condition field may have, as the subject's <see cref="WorkflowSubject.Fields"/> gives it (<c>ResearchReport</c>).</summary>
/// <param name="LabelKey">Its name for people, a key of the subject type's localization resource (<c>Type.ResearchReport</c>).</param>
/// <param name="LabelArguments">The key's arguments, if it has any (<c>"Activity {0}"</c> with 4).</param>
public sealed record WorkflowFieldValue(string Value, string LabelKey, params object[] LabelArguments);

/// <param name="Link">A path inside the portal, for notifications and the inbox.</param>
/// <param name="Fields">Values of <see cref="IWorkflowSubjectType.ConditionFields"/>, compared as text.</param>
public sealed record WorkflowSubject(
    Guid Id,
    string Title,
    string? Link,
    IReadOnlyList<Guid> AuthorIds,
    IReadOnlyList<Guid> AuthoringPartnerIds,
    Guid? WorkspaceId,
    IReadOnlyDictionary<string, string> Fields);
