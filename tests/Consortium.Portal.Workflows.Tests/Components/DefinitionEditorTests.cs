using Bunit;
using Consortium.Portal.Workflows.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>
/// The definition editor: conditions are edited in it (field, value, and the stages of each answer), the validator's
/// reasons land under the fields they are about, and stages are reordered by dragging as well as by buttons.
/// </summary>
public sealed class DefinitionEditorTests : IAsyncDisposable
{
    private readonly EditorTestContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private static LocalizedName Name(string en) => new(en, en + " (sq)", en + " (sr)", null);

    private static WorkflowStageDto Approval(string id) => new(id, StageKind.Approval, Name(id), [new AssigneeRule(AssigneeKinds.Role, "Coordinator")], new DecisionRule(DecisionRuleKind.Any));

    private static WorkflowDefinitionDto Definition(string? subjectType, params WorkflowStageDto[] stages)
        => new("tests.editor", 1, Name("Editor"), subjectType, stages, DateTime.UtcNow, null);

    private async Task<IRenderedComponent<DefinitionEditor>> EditorAsync(WorkflowDefinitionDto? definition)
    {
        _context.Page.Render<MudPopoverProvider>();
        var editor = _context.Page.Render<DefinitionEditor>();
        await editor.InvokeAsync(() => editor.Instance.LoadAsync(definition));
        return editor;
    }

    private static async Task PublishAsync(IRenderedComponent<DefinitionEditor> editor)
        => await editor.Find("[data-test=editor-publish]").ClickAsync(new());

    /// <summary>The text around an input: its label, its value and the messages under it.</summary>
    private static string FieldText(AngleSharp.Dom.IElement within, string dataTest)
        => (within.QuerySelector($"[data-test={dataTest}]")!.Closest(".mud-select") ?? within.QuerySelector($"[data-test={dataTest}]")!.Closest(".mud-input-control"))!.TextContent;

    [Fact]
    public async Task A_message_goes_from_under_its_field_once_the_field_is_filled_and_the_others_stay_until_theirs_are()
    {
        var editor = await EditorAsync(null);
        await PublishAsync(editor);
        var form = editor.Find("[data-test=definition-editor]");
        Assert.Contains("Validation.KeyRequired", FieldText(form, "editor-key"));
        Assert.Contains("Validation.NameRequired", FieldText(form, "editor-name-en"));

        // A wrong key is told at once, in the words the publish would use, before anything is published again.
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "Not A Key!" });
        editor.WaitForAssertion(() => Assert.Contains("Validation.KeyFormat", FieldText(editor.Find("[data-test=definition-editor]"), "editor-key")));

        // Filled in: the key's message goes from under it and from the summary; the name's stays until the name is filled.
        await editor.Find("[data-test=editor-key]").ChangeAsync(new ChangeEventArgs { Value = "tests.filled" });
        editor.WaitForAssertion(() =>
        {
            var now = editor.Find("[data-test=definition-editor]");
            Assert.DoesNotContain("Validation.Key", FieldText(now, "editor-key"));
            Assert.DoesNotContain("Validation.Key", editor.Find("[data-test=editor-refused]").TextContent);
            Assert.Contains("Validation.NameRequired", FieldText(now, "editor-name-en"));
        });
        await editor.Find("[data-test=editor-name-en]").ChangeAsync(new ChangeEventArgs { Value = "Filled" });
        editor.WaitForAssertion(() => Assert.DoesNotContain("Validation.NameRequired", FieldText(editor.Find("[data-test=definition-editor]"), "editor-name-en")));
        // The other names are still empty: their messages stay.
        Assert.Contains("Validation.NameRequired", editor.Find("[data-test=editor-refused]").TextContent);
    }

    [Fact]
    public async Task A_condition_is_edited_as_its_field_its_value_and_the_stages_of_each_answer()
    {
        var editor = await EditorAsync(Definition(EditorTestContext.SubjectTypeName,
            Approval("first"),
            new WorkflowStageDto("research", StageKind.Condition, Name("Research"), Field: "type", EqualsValue: "ResearchReport",
                Then: [Approval("external")], Else: [Approval("internal")])));

        var condition = editor.Find("[data-stage-id=research] [data-test=editor-condition]");
        // The field and its value show by their labels from the subject's module, not by their names in the JSON: the
        // type has a fixed set of values, so the value is a choice among them.
        Assert.Contains("WorkflowField.type", condition.QuerySelector("[data-test=editor-condition-field]")!.TextContent);
        Assert.Contains("Tests.Type.ResearchReport", FieldText(condition, "editor-condition-value"));
        Assert.NotNull(condition.QuerySelector("[data-test=editor-condition-value]")!.Closest(".mud-select"));
        // The drawing names the value as people call it too.
        Assert.Contains("Diagram.Condition(ConditionField.type,Tests.Type.ResearchReport)", editor.Find("[data-test=editor-flow]").TextContent);
        Assert.NotNull(condition.QuerySelector("[data-stage-id=external]"));
        Assert.NotNull(condition.QuerySelector("[data-stage-id=internal]"));
    }

    [Fact]
    public async Task A_field_without_a_fixed_set_of_values_takes_any_text()
    {
        var editor = await EditorAsync(Definition(EditorTestContext.SubjectTypeName,
            new WorkflowStageDto("activity", StageKind.Condition, Name("Activity"), Field: "activity", EqualsValue: "4", Then: [Approval("donor")])));

        var value = editor.Find("[data-stage-id=activity] [data-test=editor-condition-value]");
        Assert.Null(value.Closest(".mud-select"));
        Assert.Equal("4", value.GetAttribute("value"));
    }

    [Fact]
    public async Task A_new_condition_refused_shows_each_reason_under_its_field_and_names_the_stage_in_the_summary()
    {
        var editor = await EditorAsync(Definition(EditorTestContext.SubjectTypeName, Approval("first")));

        await editor.FindAll("[data-test=editor-add-condition]")[0].ClickAsync(new());
        await PublishAsync(editor);

        var condition = editor.Find("[data-test=editor-condition]");
        Assert.Contains("Validation.FieldRequired", FieldText(condition, "editor-condition-field"));
        Assert.Contains("Validation.ValueRequired", FieldText(condition, "editor-condition-value"));
        var refused = editor.Find("[data-test=editor-refused]").TextContent;
        Assert.Contains("Editor.InStage(condition-2)", refused);
        Assert.Contains("Validation.FieldRequired", refused);
    }

    [Fact]
    public async Task A_field_the_subject_does_not_expose_and_a_condition_that_leads_nowhere_are_refused_in_place()
    {
        var editor = await EditorAsync(Definition(EditorTestContext.SubjectTypeName,
            Approval("first"),
            new WorkflowStageDto("colour", StageKind.Condition, Name("Colour"), Field: "colour", EqualsValue: "red", Then: [Approval("never")]),
            new WorkflowStageDto("nowhere", StageKind.Condition, Name("Nowhere"), Field: "type", EqualsValue: "Op-ed")));

        await PublishAsync(editor);

        Assert.Contains("Validation.FieldUnknown(colour,type, activity)", FieldText(editor.Find("[data-stage-id=colour]"), "editor-condition-field"));
        // "Op-ed" is not how the subject names the type: refused, naming the values it may have.
        Assert.Contains("Validation.ValueUnknown(Op-ed,type,OpEd, ResearchReport)", FieldText(editor.Find("[data-stage-id=nowhere]"), "editor-condition-value"));
        // Both answers lead straight on: its stages could never be reached, so the stage itself is refused.
        Assert.Contains("Validation.ConditionWithoutBranches", editor.Find("[data-stage-id=nowhere] [data-test=editor-stage-error]").TextContent);
    }

    [Fact]
    public async Task A_stage_inside_a_condition_without_approvers_is_refused_under_its_approvers()
    {
        var editor = await EditorAsync(Definition(null,
            new WorkflowStageDto("research", StageKind.Condition, Name("Research"), Field: "type", EqualsValue: "ResearchReport",
                Then: [new WorkflowStageDto("named", StageKind.Approval, Name("Named"), [new AssigneeRule(AssigneeKinds.Users, UserIds: [])], new DecisionRule(DecisionRuleKind.Any))])));

        await PublishAsync(editor);

        Assert.Contains("Validation.UsersRequired", editor.Find("[data-stage-id=named]").TextContent);
        Assert.Contains("Editor.InStage(Named)", editor.Find("[data-test=editor-refused]").TextContent);
    }

    [Fact]
    public async Task A_stage_inside_a_condition_that_reuses_an_earlier_stage_s_id_is_refused_under_its_id()
    {
        // Stages follow one another in lists, so the only way back to an earlier stage would be to name it again: refused.
        var editor = await EditorAsync(Definition(null,
            Approval("first"),
            new WorkflowStageDto("research", StageKind.Condition, Name("Research"), Field: "type", EqualsValue: "ResearchReport", Else: [Approval("first")])));

        await PublishAsync(editor);

        var again = editor.Find("[data-test=editor-condition] [data-stage-id=first]");
        Assert.Contains("Validation.StageIdTaken(first)", again.TextContent);
    }

    [Fact]
    public async Task A_stage_dropped_elsewhere_moves_there_and_the_buttons_move_it_one_place()
    {
        var editor = await EditorAsync(Definition(null, Approval("one"), Approval("two"), Approval("three")));
        string[] Order() => editor.FindAll("[data-test=editor-stage]").Select(e => e.GetAttribute("data-stage-id")!).ToArray();

        await editor.FindAll("[data-test=reorder-item]")[2].DragStartAsync(new DragEventArgs());
        await editor.FindAll("[data-test=reorder-item]")[0].DropAsync(new DragEventArgs());
        Assert.Equal(["three", "one", "two"], Order());

        await editor.FindAll("[data-test=move-down]")[0].ClickAsync(new());
        Assert.Equal(["one", "three", "two"], Order());
    }
}
