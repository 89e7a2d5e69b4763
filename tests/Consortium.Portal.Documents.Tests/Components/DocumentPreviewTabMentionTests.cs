using Bunit;
using Consortium.Portal.Documents.Components;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>Mentions in the comment box: "@" and the start of a name offers the people who may see the document.</summary>
public sealed class DocumentPreviewTabMentionTests : IAsyncLifetime
{
    private static readonly WorkspaceMemberDto Driton = new(Guid.NewGuid(), "Driton Berisha", WorkspaceRole.Editor, null);
    private static readonly WorkspaceMemberDto Mimoza = new(Guid.NewGuid(), "Mimoza Hyseni", WorkspaceRole.Reviewer, null);
    private static readonly WorkspaceMemberDto Dragana = new(Guid.NewGuid(), "Dragana Petrović", WorkspaceRole.Viewer, Guid.NewGuid());
    private static readonly WorkspaceMemberDto Writer = new(ComponentTestContext.UserId, "Blerta Gashi", WorkspaceRole.Editor, null);

    private readonly ComponentTestContext _context = new();
    private readonly DocumentPreviewTab.Draft _draft = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void An_at_and_the_start_of_a_name_offer_the_people_who_may_see_the_document_but_not_the_writer()
    {
        var tab = Render();

        Type(tab, "Please check this, @Dr");

        Assert.Equal(["@Dragana Petrović", "@Driton Berisha"], tab.FindAll("[data-test=mention-choice]").Select(b => b.TextContent.Trim()));
        Type(tab, "Please check this, @");
        Assert.DoesNotContain(tab.FindAll("[data-test=mention-choice]"), b => b.TextContent.Contains("Blerta", StringComparison.Ordinal));
        Type(tab, "Please check this, @Hy");
        Assert.Equal(["@Mimoza Hyseni"], tab.FindAll("[data-test=mention-choice]").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void Choosing_a_person_writes_their_full_name_and_says_they_will_be_told()
    {
        var tab = Render();

        Type(tab, "Please check this, @Dri");
        tab.FindAll("[data-test=mention-choice]").Single(b => b.TextContent.Contains("Driton", StringComparison.Ordinal)).Click();

        Assert.Equal("Please check this, @Driton Berisha ", _draft.CommentBody);
        Assert.Equal("Please check this, @Driton Berisha ", tab.Find("textarea").GetAttribute("value") ?? tab.Find("textarea").TextContent);
        Assert.Empty(tab.FindAll("[data-test=mention-choice]"));
        Assert.Contains("UI:WillBeTold(Driton Berisha)", tab.Find("[data-test=mentioned]").TextContent);
    }

    [Fact]
    public void A_full_name_typed_by_hand_mentions_too_and_a_partial_one_mentions_nobody()
    {
        var tab = Render();

        Type(tab, "@Mimoza Hyseni, and @Driton: see the table.");

        Assert.Contains("UI:WillBeTold(Mimoza Hyseni)", tab.Find("[data-test=mentioned]").TextContent);
        Assert.Empty(tab.FindAll("[data-test=mention-choice]"));
    }

    private IRenderedComponent<DocumentPreviewTab> Render()
    {
        var details = DocumentSamples.Details(name: "findings.txt");
        return _context.Page.Render<DocumentPreviewTab>(p => p
            .Add(c => c.State, _draft)
            .Add(c => c.DocumentId, details.Document.Id)
            .Add(c => c.Details, details)
            .Add(c => c.Preview, new VersionPreviewDto(1, "text", null, "The roundtable in Peja agreed on three points.", null, VersionTextState.None))
            .Add(c => c.Version, 1)
            .Add(c => c.Members, [Driton, Mimoza, Dragana, Writer])
            .Add(c => c.CanReview, true)
            .Add(c => c.OwnText, true));
    }

    private static void Type(IRenderedComponent<DocumentPreviewTab> tab, string text) => tab.Find("textarea").Input(text);
}
