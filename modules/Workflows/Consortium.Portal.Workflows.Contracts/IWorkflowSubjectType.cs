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

    /// <summary>The subject as it is now; null when it does not exist (any more).</summary>
    Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default);
}

public static class WorkflowSubjectFields
{
    /// <summary>The prefix of a condition field's label key in the subject type's localization resource.</summary>
    public const string FieldKeyPrefix = "WorkflowField.";
}

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
