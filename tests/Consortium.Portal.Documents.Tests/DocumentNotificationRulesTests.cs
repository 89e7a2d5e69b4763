using Consortium.Portal.Documents.Notifications;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;

namespace Consortium.Portal.Documents.Tests;

public sealed class DocumentNotificationRulesTests
{
    private static readonly Guid Workspace = Guid.NewGuid();
    private static readonly Guid DocumentId = Guid.NewGuid();
    private static readonly PortalUserDto Ana = new(Guid.NewGuid(), "ana@kcss.example", "Ana Krasniqi", null, ["Member"], false);
    private static readonly PortalUserDto Vuk = new(Guid.NewGuid(), "vuk@bcsp.example", "", null, ["Member"], false);
    private static readonly Guid Rina = Guid.NewGuid();

    private readonly DocumentNotificationRules _rules = new(new Directory(Ana, Vuk));

    [Fact]
    public async Task A_review_request_notifies_each_reviewer_but_not_the_requester_with_every_parameter_its_type_needs()
    {
        var requests = await _rules.NotificationsForAsync(
            new ReviewRequested(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), 3, Ana.Id, [Rina, Ana.Id, Rina], new DateOnly(2026, 12, 4), "  Check\n the table  "),
            CancellationToken.None);

        var request = Assert.Single(requests);
        Assert.Equal(DocumentNotificationTypes.ReviewRequested.Name, request.Type);
        Assert.Equal([Rina], request.RecipientIds);
        Assert.Equal("Ana Krasniqi", request.Parameters["requester"]);
        Assert.Equal("3", request.Parameters["version"]);
        Assert.Equal("2026-12-04", request.Parameters["dueDate"]);
        Assert.Equal("Check the table", request.Parameters["message"]);
        // A review notification opens the page on its Reviews tab.
        Assert.Equal($"/documents/{DocumentId}?tab=reviews", request.Link);
        Assert.All(DocumentNotificationTypes.ReviewRequested.RequiredParameters, p => Assert.True(request.Parameters.ContainsKey(p), p));
    }

    [Fact]
    public async Task A_long_review_message_is_shortened_for_the_notification()
    {
        var requests = await _rules.NotificationsForAsync(
            new ReviewRequested(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), 1, Ana.Id, [Rina], new DateOnly(2026, 12, 4), new string('x', 1000)),
            CancellationToken.None);

        var message = Assert.Single(requests).Parameters["message"];
        Assert.Equal(280, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewDecision.Approved, "documents.review-approved")]
    [InlineData(ReviewDecision.ChangesRequested, "documents.changes-requested")]
    public async Task An_answer_tells_the_requester_of_the_decision(ReviewDecision decision, string type)
    {
        var requests = await _rules.NotificationsForAsync(
            new ReviewAnswered(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), Vuk.Id, Ana.Id, decision), CancellationToken.None);

        var request = Assert.Single(requests);
        Assert.Equal(type, request.Type);
        Assert.Equal([Ana.Id], request.RecipientIds);
        // Vuk has no display name: his address stands in for it.
        Assert.Equal("vuk@bcsp.example", request.Parameters["reviewer"]);
    }

    [Fact]
    public async Task Answering_ones_own_request_or_a_pending_answer_notifies_nobody()
    {
        Assert.Empty(await _rules.NotificationsForAsync(
            new ReviewAnswered(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), Ana.Id, Ana.Id, ReviewDecision.Approved), CancellationToken.None));
        Assert.Empty(await _rules.NotificationsForAsync(
            new ReviewAnswered(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), Vuk.Id, Ana.Id, ReviewDecision.Pending), CancellationToken.None));
    }

    [Fact]
    public async Task Comments_mentions_and_new_versions_never_notify_their_author()
    {
        Assert.Empty(await _rules.NotificationsForAsync(
            new DocumentCommentAdded(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), Ana.Id, [Ana.Id]), CancellationToken.None));

        var mention = Assert.Single(await _rules.NotificationsForAsync(
            new DocumentMemberMentioned(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), Ana.Id, [Vuk.Id, Ana.Id]), CancellationToken.None));
        Assert.Equal(DocumentNotificationTypes.Mentioned.Name, mention.Type);
        Assert.Equal([Vuk.Id], mention.RecipientIds);
        Assert.Equal("Ana Krasniqi", mention.Parameters["author"]);

        var version = Assert.Single(await _rules.NotificationsForAsync(
            new FollowedDocumentChanged(Workspace, DocumentId, "Brief.md", 4, Vuk.Id, [Ana.Id, Vuk.Id]), CancellationToken.None));
        Assert.Equal([Ana.Id], version.RecipientIds);
        Assert.Equal("4", version.Parameters["version"]);
    }

    [Fact]
    public async Task Someone_no_longer_in_the_directory_is_named_by_a_text_each_reader_sees_in_their_language()
    {
        var gone = Guid.NewGuid();
        var request = Assert.Single(await _rules.NotificationsForAsync(
            new DocumentCommentAdded(Workspace, DocumentId, "Brief.md", Guid.NewGuid(), gone, [Ana.Id]), CancellationToken.None));

        // "Former member", "Anëtar i dikurshëm"...: the renderer translates a parameter marked with the suffix.
        Assert.False(request.Parameters.ContainsKey("author"));
        Assert.Equal("Member:Unknown", request.Parameters["author" + NotificationTypeDefinition.TranslatedSuffix]);
    }

    [Fact]
    public void Every_type_belongs_to_the_documents_module_and_has_distinct_name()
    {
        Assert.All(DocumentNotificationTypes.All, t => Assert.Equal("documents", t.Module));
        Assert.Equal(DocumentNotificationTypes.All.Count, DocumentNotificationTypes.All.Select(t => t.Name).Distinct().Count());
    }

    private sealed class Directory(params PortalUserDto[] users) : IUserDirectory
    {
        public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
            => Task.FromResult(users.FirstOrDefault(u => u.Id == userId));

        public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
            => Task.FromResult(users.FirstOrDefault(u => u.Email == email));

        public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PortalUserDto>>(users.Where(u => userIds.Contains(u.Id)).ToList());

        public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);

        public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);

        public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);

        public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([]);
    }
}
