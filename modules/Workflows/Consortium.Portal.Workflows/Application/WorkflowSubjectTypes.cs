using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// The kinds of subject modules have registered, as the definition editor offers them: each type's name in the reader's
/// language and the fields its conditions may branch on, with a label each.
/// </summary>
internal sealed class WorkflowSubjectTypes(IEnumerable<IWorkflowSubjectType> types, IStringLocalizerFactory localizers, IStringLocalizer<WorkflowsResource> text)
{
    public IReadOnlyList<SubjectTypeChoice> List()
        => types.Select(type =>
            {
                var owner = localizers.Create(type.LocalizationResource);
                return new SubjectTypeChoice(type.Name, owner[type.DisplayNameKey].Value,
                    type.ConditionFields.Select(field => new ConditionFieldChoice(field, Label(owner, field))).ToList());
            })
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>
    /// The owning module's label ("WorkflowField.type") when it gives one, else the engine's for the common fields
    /// ("ConditionField.type"), else the field's own name: a module that adds a field is never shown an empty choice.
    /// </summary>
    private string Label(IStringLocalizer owner, string field)
    {
        var own = owner[$"{WorkflowSubjectFields.FieldKeyPrefix}{field}"];
        if (!own.ResourceNotFound)
        {
            return own.Value;
        }
        var common = text[$"ConditionField.{field}"];
        return common.ResourceNotFound ? field : common.Value;
    }
}

/// <param name="Fields">In the order the module lists them.</param>
internal sealed record SubjectTypeChoice(string Name, string DisplayName, IReadOnlyList<ConditionFieldChoice> Fields);

internal sealed record ConditionFieldChoice(string Field, string Label);
