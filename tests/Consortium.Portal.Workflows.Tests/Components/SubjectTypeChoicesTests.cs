using Consortium.Portal.Workflows.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>The subject types the editor offers: each field labelled by its module, else by the engine, else by its name.</summary>
public sealed class SubjectTypeChoicesTests
{
    private sealed class Texts(Dictionary<string, string> known) : IStringLocalizer<WorkflowsResource>
    {
        public LocalizedString this[string name] => known.TryGetValue(name, out var text) ? new(name, text) : new(name, name, resourceNotFound: true);
        public LocalizedString this[string name, params object[] arguments] => this[name];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private sealed class Factory(IStringLocalizer module) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => module;
        public IStringLocalizer Create(string baseName, string location) => module;
    }

    private sealed class Material : IWorkflowSubjectType
    {
        public string Name => "training.material";
        public Type LocalizationResource => typeof(object);
        public string DisplayNameKey => "Material";
        public IReadOnlyList<string> ConditionFields => ["kind", "language", "colour"];
        public Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default) => Task.FromResult<WorkflowSubject?>(null);
    }

    [Fact]
    public void Each_field_is_labelled_by_its_module_else_by_the_engine_else_by_its_name()
    {
        var module = new Texts(new() { ["Material"] = "Training material", ["WorkflowField.kind"] = "Kind of material" });
        var engine = new Texts(new() { ["ConditionField.language"] = "Language", ["ConditionField.kind"] = "Kind" });

        var type = Assert.Single(new WorkflowSubjectTypes([new Material()], new Factory(module), engine).List());

        Assert.Equal(("training.material", "Training material"), (type.Name, type.DisplayName));
        Assert.Equal(["Kind of material", "Language", "colour"], type.Fields.Select(f => f.Label));
    }

    [Fact]
    public void Without_a_subject_type_a_field_offers_every_types_values_once_and_any_text_when_one_type_takes_any()
    {
        static ConditionValueChoice V(string value, string label) => new(value, label);
        IReadOnlyList<SubjectTypeChoice> types =
        [
            new("publications.publication", "Publication", [new("activity", "Activity", [V("1", "Activity 1"), V("4", "Activity 4")]), new("languages", "Languages")]),
            new("training.material", "Training material",
                [new("activity", "Activity of the project", [V("1", "Activity 1 (training)"), V("11", "Activity 11")]), new("languages", "Languages", [V("en", "English")])]),
        ];

        var fields = WorkflowSubjectTypes.AnyTypesFields(types);

        Assert.Equal(["activity", "languages"], fields.Select(f => f.Field));
        Assert.Equal("Activity", fields[0].Label);
        Assert.Equal([V("1", "Activity 1"), V("4", "Activity 4"), V("11", "Activity 11")], fields[0].Values!);
        Assert.Null(fields[1].Values);
    }
}
