using Consortium.Portal.Platform.Text;
using Consortium.Portal.Publications.Application;
using Consortium.Portal.Publications.Domain;

namespace Consortium.Portal.Publications.Tests;

public sealed class PublicationLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    private static Publication Draft() => Publication.Draft(new PublicationContent(PublicationType.PolicyBrief, "Brief", null, [], ["en"], [Guid.NewGuid()], [Guid.NewGuid()],
        Guid.NewGuid(), null, 1), Guid.NewGuid());

    private static PublicationFile File() => new("en", Guid.NewGuid(), 1, "brief.pdf", 10, "application/pdf", new string('a', 64));

    [Fact]
    public void A_submitted_draft_is_in_approval_and_cannot_be_edited_or_submitted_again()
    {
        var publication = Draft();
        publication.Submit("publications.joint-review", Now);

        Assert.Equal(PublicationState.InApproval, publication.State);
        Assert.Throws<PublicationStateException>(() => publication.Submit("publications.joint-review", Now));
        Assert.Throws<PublicationStateException>(() => publication.Edit(new PublicationContent(PublicationType.OpEd, "x", null, [], ["en"], [], [], Guid.NewGuid(), null, 4)));
    }

    [Fact]
    public void Changes_requested_go_back_to_the_authors_and_a_resubmission_keeps_the_chosen_workflow()
    {
        var publication = Draft();
        publication.Submit("custom", Now);
        publication.WorkflowRequestedChanges("Add the Serbian version", Now);

        Assert.Equal(PublicationState.ChangesRequested, publication.State);
        Assert.Equal("Add the Serbian version", publication.ReviewComment);
        publication.Submit("other", Now);
        Assert.Equal(PublicationState.InApproval, publication.State);
        Assert.Equal("custom", publication.WorkflowDefinitionKey);
    }

    [Fact]
    public void A_rejection_makes_it_a_draft_with_the_comment()
    {
        var publication = Draft();
        publication.Submit("k", Now);
        publication.WorkflowEnded("Not for this outlet", Now);

        Assert.Equal(PublicationState.Draft, publication.State);
        Assert.Equal("Not for this outlet", publication.ReviewComment);
    }

    [Fact]
    public void Only_an_approved_publication_is_published_and_only_a_published_one_withdrawn()
    {
        var publication = Draft();
        Assert.Throws<PublicationStateException>(() => publication.Publish([File()], new DateOnly(2026, 12, 5), null, "brief", Now));
        Assert.Throws<PublicationStateException>(() => publication.Withdraw("x", Now));
        publication.Submit("k", Now);
        publication.WorkflowCompleted(Now);
        publication.Publish([File()], new DateOnly(2026, 12, 5), "https://example.org", "brief", Now);

        Assert.Equal(PublicationState.Published, publication.State);
        publication.Withdraw("Retracted", Now);
        Assert.Equal(PublicationState.Withdrawn, publication.State);
        Assert.Equal("Retracted", publication.WithdrawalReason);
    }

    [Fact]
    public void An_outcome_that_arrives_again_changes_nothing()
    {
        var publication = Draft();
        publication.Submit("k", Now);
        publication.WorkflowCompleted(Now);
        publication.WorkflowRequestedChanges("late", Now);
        publication.WorkflowEnded("late", Now);

        Assert.Equal(PublicationState.Approved, publication.State);
    }

    [Theory]
    [InlineData("Normalizacija: Đakovica i Priština", "normalizacija-djakovica-i-pristina-")]
    [InlineData("Kosovo–Serbia: what's next?", "kosovo-serbia-what-s-next-")]
    public void A_slug_is_plain_ascii_and_ends_with_a_piece_of_the_id(string title, string start)
    {
        var id = Guid.CreateVersion7();
        var slug = Slugs.For(title, id);

        Assert.StartsWith(start, slug);
        Assert.EndsWith(id.ToString("N")[^8..], slug);
    }

    [Fact]
    public void Text_is_compared_ignoring_case_line_breaks_and_typographic_quotes()
        => Assert.Contains(FinalFileCheck.Comparable("the authors' responsibility"), FinalFileCheck.Comparable("THE\r\n  Authors’   responsibility"));
}
