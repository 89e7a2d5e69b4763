using Bunit;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// What people write is shown in its own direction: with none given, a right-to-left comment took the page's, and its
/// numbers and punctuation moved to the wrong end.
/// </summary>
public sealed class UserTextDirectionTests : IAsyncLifetime
{
    private readonly SavingTestContext _context = new();
    private DocumentDetailsDto _details = default!;

    public async Task InitializeAsync() => _details = await _context.AddDocumentAsync("The roundtable in Peja agreed on three points.");

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_comment_and_its_quote_take_the_direction_of_their_own_text()
    {
        var comment = await _context.WithAsync(s => s.GetRequiredService<DocumentComments>().AddAsync(_details.Document.Id,
            new WriteCommentRequest(1, "هل هي 3 نقاط؟", null, null, null), default));
        var tab = _context.Page.Render<DocumentCommentsTab>(p => p
            .Add(c => c.State, new DocumentCommentsTab.Draft())
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Comments, [comment]));

        var text = tab.Find("[data-test=comment-text]");
        Assert.Contains("هل هي 3 نقاط؟", text.TextContent);
        Assert.Equal("auto", text.GetAttribute("dir"));
    }
}
