using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// The kinds of subject modules have registered, as the definition editor offers them: each type's name in the reader's
/// language and the fields its conditions may branch on, with a label each, and the values of those that have a fixed set.
/// </summary>
internal sealed class WorkflowSubjectTypes(IEnumerable<IWorkflowSubjectType> types, IStringLocalizerFactory localizers, IStringLocalizer<WorkflowsResource> text)
{
    public IReadOnlyList<SubjectTypeChoice> List()
        => types.Select(type =>
            {
                var owner = localizers.Create(type.LocalizationResource);
                return new SubjectTypeChoice(type.Name, owner[type.DisplayNameKey].Value,
                    type.ConditionFields.Select(field => new ConditionFieldChoice(field, Label(owner, field), Values(type, owner, field))).ToList());
            })
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>
    /// A condition's value as its subject type names it in the reader's language ("Research report" for ResearchReport),
    /// for the diagram; null when no type names it, and the value is shown as it is. Without a subject type, any type's name.
    /// </summary>
    public static Func<string, string, string?> ValueLabels(IReadOnlyList<SubjectTypeChoice> types, string? subjectType)
        => (field, value) => types.Where(t => string.IsNullOrEmpty(subjectType) || t.Name == subjectType)
            .SelectMany(t => t.Fields).Where(f => f.Field == field)
            .SelectMany(f => f.Values ?? []).FirstOrDefault(v => v.Value == value)?.Label;

    /// <summary>
    /// The fields a definition tied to no subject type may branch on: each field once, labelled as the first type labels
    /// it, with every type's values (a value once, by the first type that names it), or any text when one of the types
    /// takes any text for it: offering only the first type's values would refuse another's (Training's activities 1–11
    /// against Publications' 1 and 4).
    /// </summary>
    public static IReadOnlyList<ConditionFieldChoice> AnyTypesFields(IReadOnlyList<SubjectTypeChoice> types)
        => types.SelectMany(t => t.Fields).GroupBy(f => f.Field, StringComparer.Ordinal)
            .Select(same => same.First() with
            {
                Values = same.Any(f => f.Values is null) ? null : same.SelectMany(f => f.Values!).DistinctBy(v => v.Value, StringComparer.Ordinal).ToList(),
            })
            .ToList();

    /// <summary>The field's values named in the reader's language (the value itself where the module has no text for it); null: any text.</summary>
    private static IReadOnlyList<ConditionValueChoice>? Values(IWorkflowSubjectType type, IStringLocalizer owner, string field)
        => type.ConditionValues.TryGetValue(field, out var values)
            ? values.Select(v =>
                {
                    var label = v.LabelArguments.Length == 0 ? owner[v.LabelKey] : owner[v.LabelKey, v.LabelArguments];
                    return new ConditionValueChoice(v.Value, label.ResourceNotFound ? v.Value : label.Value);
                }).ToList()
            : null;

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

/// <param name="Values">The values it may have, in the module's order; null when it takes any text.</param>
internal sealed record ConditionFieldChoice(string Field, string Label, IReadOnlyList<ConditionValueChoice>? Values = null);

internal sealed record ConditionValueChoice(string Value, string Label);
