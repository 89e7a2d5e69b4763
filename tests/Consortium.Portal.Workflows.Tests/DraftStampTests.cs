using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>Publishing or discarding a draft goes by the stamp read with it; a request without one is refused first.</summary>
public sealed class DraftStampTests : IAsyncDisposable
{
    // No database behind it: a read of the draft would fail with SQLite's "no such table", not with the field error.
    private readonly EditorTestContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public async Task Discarding_or_publishing_a_draft_without_its_stamp_is_refused_before_the_draft_is_read()
    {
        await using var scope = _context.Page.Services.CreateAsyncScope();
        var drafts = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionDrafts>();

        var discard = await Assert.ThrowsAsync<RequestValidationException>(() => drafts.DiscardAsync("tests.unread", null));
        var publish = await Assert.ThrowsAsync<RequestValidationException>(() => drafts.PublishAsync("tests.unread", new PublishWorkflowDraftRequest(Guid.Empty)));

        Assert.All([discard, publish], refusal => Assert.Equal(["Validation:ConcurrencyStampRequired"], refusal.Errors["concurrencyStamp"]));
    }
}
