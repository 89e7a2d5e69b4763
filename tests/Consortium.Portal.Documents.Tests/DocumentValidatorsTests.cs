using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Documents.Tests;

public sealed class DocumentValidatorsTests
{
    private static readonly KeyLocalizer<DocumentsResource> Text = new();
    private static readonly KeyLocalizer<PlatformResource> PlatformText = new();

    // 23:30 UTC on 1 March is already 2 March in the consortium's time zone (Europe/Belgrade).
    private static readonly FakeTimeProvider LateEvening = new(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero));

    private static readonly TextAnchorDto Passage = new("old", "", "", 0, 3);

    [Fact]
    public void A_comment_has_a_body_of_at_most_the_comment_length()
    {
        var validator = new WriteCommentRequestValidator(Text);

        Assert.True(validator.Validate(new WriteCommentRequest(1, " Looks good ", null, null, null)).IsValid);
        Assert.Equal(["Comment:Empty"], RequestValidation.ToFieldErrors(validator.Validate(new WriteCommentRequest(1, "  ", null, null, null)))["body"]);
        Assert.Equal([$"Validation:TooLong({DocumentConsts.MaxCommentLength})"],
            RequestValidation.ToFieldErrors(validator.Validate(new WriteCommentRequest(1, new string('x', DocumentConsts.MaxCommentLength + 1), null, null, null)))["body"]);
    }

    [Fact]
    public void An_edit_keeps_the_comment_rules()
    {
        var validator = new EditCommentRequestValidator(Text, PlatformText);

        Assert.True(validator.Validate(new EditCommentRequest("Better", Guid.NewGuid())).IsValid);
        Assert.Equal(["Comment:Empty"], RequestValidation.ToFieldErrors(validator.Validate(new EditCommentRequest("", Guid.NewGuid())))["body"]);
    }

    [Fact]
    public void A_review_is_asked_of_someone_by_a_day_not_past_in_the_consortium()
    {
        var validator = new RequestReviewRequestValidator(Text, LateEvening);

        Assert.True(validator.Validate(new RequestReviewRequest(1, [Guid.NewGuid()], new DateOnly(2026, 3, 2), null)).IsValid);
        var errors = RequestValidation.ToFieldErrors(validator.Validate(
            new RequestReviewRequest(1, [], new DateOnly(2026, 3, 1), new string('m', DocumentConsts.MaxMessageLength + 1))));

        Assert.Equal(["dueDate", "message", "reviewerIds"], errors.Keys.Order());
        Assert.Equal(["Review:NoReviewers"], errors["reviewerIds"]);
        Assert.Equal(["Review:DueInThePast"], errors["dueDate"]);
        Assert.Equal([$"Validation:TooLong({DocumentConsts.MaxMessageLength})"], errors["message"]);
    }

    [Theory]
    [InlineData(ReviewDecision.Approved, true)]
    [InlineData(ReviewDecision.ChangesRequested, true)]
    [InlineData(ReviewDecision.Pending, false)]
    public void An_answer_approves_or_asks_for_changes(ReviewDecision decision, bool valid)
    {
        var result = new AnswerReviewRequestValidator(Text).Validate(new AnswerReviewRequest(decision, "  "));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(["Review:DecisionRequired"], RequestValidation.ToFieldErrors(result)["decision"]);
        }
    }

    [Fact]
    public void An_answer_comment_is_at_most_the_message_length()
    {
        var result = new AnswerReviewRequestValidator(Text).Validate(new AnswerReviewRequest(ReviewDecision.Approved, new string('c', DocumentConsts.MaxMessageLength + 1)));

        Assert.Equal(["comment"], RequestValidation.ToFieldErrors(result).Keys);
    }

    [Fact]
    public void A_suggestion_names_its_passage_and_keeps_within_its_lengths()
    {
        var validator = new SuggestEditRequestValidator(Text);

        Assert.True(validator.Validate(new SuggestEditRequest(1, Passage, "new", "clearer")).IsValid);
        var errors = RequestValidation.ToFieldErrors(validator.Validate(new SuggestEditRequest(1, null!,
            new string('r', DocumentConsts.MaxReplacementLength + 1), new string('w', DocumentConsts.MaxReasonLength + 1))));

        Assert.Equal(["anchor", "reason", "replacement"], errors.Keys.Order());
        Assert.Equal([$"Validation:TooLong({DocumentConsts.MaxReplacementLength})"], errors["replacement"]);
    }

    [Fact]
    public void A_replacement_is_measured_with_unix_line_ends_as_it_is_stored()
    {
        var atTheCap = string.Concat(Enumerable.Repeat("a\r\n", DocumentConsts.MaxReplacementLength / 2));

        Assert.True(new SuggestEditRequestValidator(Text).Validate(new SuggestEditRequest(1, Passage, atTheCap, null)).IsValid);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(".md")]
    [InlineData("///")]
    [InlineData("\u202e")]
    public void A_folder_name_with_nothing_usable_left_is_refused_on_create_and_on_rename(string name)
    {
        var created = RequestValidation.ToFieldErrors(new CreateFolderRequestValidator(Text).Validate(new CreateFolderRequest(name, null)));
        var renamed = RequestValidation.ToFieldErrors(new UpdateFolderRequestValidator(Text, PlatformText).Validate(new UpdateFolderRequest(name, null, Guid.NewGuid())));

        Assert.Equal(["Folder:NameInvalid"], created["name"]);
        Assert.Equal(["Folder:NameInvalid"], renamed["name"]);
    }

    [Fact]
    public void A_folder_name_is_stored_cleaned_and_a_long_one_cut_rather_than_refused()
    {
        Assert.True(new CreateFolderRequestValidator(Text).Validate(new CreateFolderRequest("  Work   package 2 ", null)).IsValid);
        Assert.True(new UpdateFolderRequestValidator(Text, PlatformText).Validate(new UpdateFolderRequest(new string('f', 300), null, Guid.NewGuid())).IsValid);
        Assert.Equal("Work package 2", DocumentRules.FolderName("  Work   package 2 "));
        Assert.Equal(DocumentConsts.MaxFolderNameLength, DocumentRules.FolderName(new string('f', 300))!.Length);
    }

    [Fact]
    public void A_document_is_renamed_to_a_usable_name()
    {
        var validator = new UpdateDocumentRequestValidator(Text, PlatformText);

        Assert.True(validator.Validate(new UpdateDocumentRequest("Final report.pdf", null, Guid.NewGuid())).IsValid);
        Assert.Equal([UploadRefusals.NameInvalid], RequestValidation.ToFieldErrors(validator.Validate(new UpdateDocumentRequest(" .pdf", null, Guid.NewGuid())))["name"]);
        Assert.Equal([UploadRefusals.NameInvalid], RequestValidation.ToFieldErrors(validator.Validate(new UpdateDocumentRequest(null!, null, Guid.NewGuid())))["name"]);
    }

    [Fact]
    public void An_edit_without_the_stamp_it_read_is_refused_on_the_stamp()
    {
        string[] stampRequired = ["Validation:ConcurrencyStampRequired"];
        foreach (var stamp in new Guid?[] { null, Guid.Empty })
        {
            Assert.Equal(stampRequired, RequestValidation.ToFieldErrors(new EditCommentRequestValidator(Text, PlatformText).Validate(new EditCommentRequest("Better", stamp)))[ConcurrencyStamps.Field]);
            Assert.Equal(stampRequired, RequestValidation.ToFieldErrors(new UpdateFolderRequestValidator(Text, PlatformText).Validate(new UpdateFolderRequest("Drafts", null, stamp)))[ConcurrencyStamps.Field]);
            Assert.Equal(stampRequired, RequestValidation.ToFieldErrors(new UpdateDocumentRequestValidator(Text, PlatformText).Validate(new UpdateDocumentRequest("Final report.pdf", null, stamp)))[ConcurrencyStamps.Field]);
        }
    }

    [Fact]
    public void A_restore_note_may_be_left_out_and_is_at_most_the_note_length_once_trimmed()
    {
        var validator = new RestoreVersionRequestValidator(Text);

        Assert.True(validator.Validate(new RestoreVersionRequest(null)).IsValid);
        Assert.True(validator.Validate(new RestoreVersionRequest("  " + new string('n', DocumentConsts.MaxNoteLength) + "  ")).IsValid);
        Assert.Equal([$"Upload:NoteTooLong({DocumentConsts.MaxNoteLength})"],
            RequestValidation.ToFieldErrors(validator.Validate(new RestoreVersionRequest(new string('n', DocumentConsts.MaxNoteLength + 1))))["note"]);
    }
}
