using Consortium.Portal.Tests;
using Consortium.Portal.Workflows.Application;

namespace Consortium.Portal.Workflows.Tests;

public sealed class WorkflowValidatorTests
{
    private static readonly ActOnTaskValidator Act = new(new KeyLocalizer<WorkflowsResource>());

    private static IEnumerable<(string, string)> Errors(ActOnTaskRequest request)
        => Act.Validate(request).Errors.Select(e => (e.PropertyName, e.ErrorMessage));

    [Theory]
    [InlineData(TaskDecision.Reject)]
    [InlineData(TaskDecision.RequestChanges)]
    public void Rejecting_or_requesting_changes_needs_a_comment(TaskDecision decision)
        => Assert.Equal([("Comment", "Validation.CommentRequired")], Errors(new ActOnTaskRequest(Guid.NewGuid(), decision, " ")));

    [Fact]
    public void Approving_needs_no_comment()
        => Assert.Empty(Errors(new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null)));

    [Fact]
    public void A_decision_without_an_action_id_or_a_decision_is_refused_for_both()
        => Assert.Equal([("ActionId", "Validation.ActionIdRequired"), ("Decision", "Validation.DecisionRequired")],
            Errors(new ActOnTaskRequest(Guid.Empty, null, null)));

    [Fact]
    public void A_comment_longer_than_the_limit_is_refused_with_the_limit()
        => Assert.Equal([("Comment", $"Validation.CommentTooLong({WorkflowsConsts.MaxCommentLength})")],
            Errors(new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, new string('x', WorkflowsConsts.MaxCommentLength + 1))));

    [Fact]
    public void Cancelling_needs_a_reason()
        => Assert.Equal(["Validation.ReasonRequired"],
            new CancelWorkflowValidator(new KeyLocalizer<WorkflowsResource>()).Validate(new CancelWorkflowRequest("")).Errors.Select(e => e.ErrorMessage));
}
