using Consortium.Portal.Documents.Notifications;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Text;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <param name="Anchor">The passage commented on: its quote must be in the version's text (offsets are corrected).</param>
/// <param name="MentionedUserIds">Members the body mentions as "@Display Name"; each is told, even when they muted the document.</param>
public sealed record WriteCommentRequest(int VersionNumber, string Body, Guid? ParentId, TextAnchorDto? Anchor, IReadOnlyList<Guid>? MentionedUserIds);

public sealed record EditCommentRequest(string Body, Guid? ConcurrencyStamp);

/// <summary>Threaded comments on versions: written by Reviewers and up, Markdown rendered safely, edits and deletions kept as revisions.</summary>
internal sealed class DocumentComments(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    MemberNames names,
    VersionTexts texts,
    DocumentFollowers followers,
    IWorkspaceAccess workspaces,
    MarkdownRendering markdown,
    IIntegrationEventPublisher events,
    ILiveChanges live,
    IValidator<WriteCommentRequest> writes,
    IValidator<EditCommentRequest> edits,
    INotificationSender notifications,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<CommentDto>> ListAsync(Guid documentId, int? versionNumber, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var query = db.Comments.AsNoTracking().Where(c => c.DocumentId == documentId);
        if (versionNumber is { } n)
        {
            query = query.Where(c => c.VersionNumber == n);
        }
        var comments = await query.OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken);
        var people = await names.ResolveAsync(document.WorkspaceId, comments.Select(c => c.AuthorId), cancellationToken);
        return comments.Select(c => ToDto(c, people)).ToList();
    }

    public async Task<CommentDto> AddAsync(Guid documentId, WriteCommentRequest request, CancellationToken cancellationToken)
    {
        await writes.EnsureValidAsync(request, cancellationToken);
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Review, cancellationToken);
        var body = request.Body.Trim();
        Comment? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.DocumentId == documentId, cancellationToken)
                ?? throw new EntityNotFoundException(nameof(Comment), parentId);
        }
        var versionNumber = parent?.VersionNumber ?? request.VersionNumber;
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == versionNumber, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{versionNumber}");

        TextAnchor? anchor = null;
        if (request.Anchor is { } proposed && parent is null)
        {
            var text = await texts.GetAsync(version, document.FileType, cancellationToken)
                ?? throw new DomainRuleException("Comment:NoTextToAnchor", typeof(DocumentsResource));
            var verified = TextAnchoring.Verify(text, proposed)
                ?? throw new DomainRuleException("Comment:QuoteNotFound", typeof(DocumentsResource));
            anchor = new TextAnchor(verified.Quote, verified.Prefix, verified.Suffix, verified.Start, verified.End);
        }

        var comment = new Comment(document, version, parent?.Id, access.UserId, body, anchor);
        db.Comments.Add(comment);

        var members = await workspaces.GetMembersAsync(document.WorkspaceId, WorkspaceRole.Viewer, cancellationToken);
        var mentioned = members
            .Where(m => (request.MentionedUserIds ?? []).Contains(m.UserId) && m.UserId != access.UserId
                        && body.Contains("@" + m.DisplayName, StringComparison.CurrentCultureIgnoreCase))
            .Select(m => m.UserId)
            .ToList();
        if (mentioned.Count > 0)
        {
            events.Publish(new DocumentMemberMentioned(document.WorkspaceId, document.Id, document.Name, comment.Id, access.UserId, mentioned));
        }
        var except = mentioned.Append(access.UserId).ToList();
        var recipients = (await followers.RecipientsAsync(document, except, cancellationToken)).ToHashSet();
        if (parent is not null && !except.Contains(parent.AuthorId) && !await followers.IsMutedAsync(documentId, parent.AuthorId, cancellationToken))
        {
            // An answer to the reader's own comment is a notification of its own ("replied to you"), not one more comment.
            recipients.Remove(parent.AuthorId);
            var author = await names.ResolveAsync(document.WorkspaceId, [access.UserId], cancellationToken);
            notifications.Send(new NotificationRequest(DocumentNotificationTypes.Replied.Name, [parent.AuthorId],
                new Dictionary<string, string> { ["document"] = document.Name, ["author"] = author.GetValueOrDefault(access.UserId, "") },
                DocumentLinks.Comments(document.Id)));
        }
        if (recipients.Count > 0)
        {
            events.Publish(new DocumentCommentAdded(document.WorkspaceId, document.Id, document.Name, comment.Id, access.UserId, recipients.ToList()));
        }
        events.Publish(new WorkspaceActivityOccurred(document.WorkspaceId, access.UserId, DocumentsModuleName.Value, "Activity:CommentAdded",
            new Dictionary<string, string> { ["name"] = document.Name }, DocumentLinks.Page(document.Id), Now));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Comments);
        var people = await names.ResolveAsync(document.WorkspaceId, [access.UserId], cancellationToken);
        return ToDto(comment, people);
    }

    /// <summary>Only the author edits; the earlier text is kept as a revision.</summary>
    public async Task<CommentDto> EditAsync(Guid commentId, EditCommentRequest request, CancellationToken cancellationToken)
    {
        await edits.EnsureValidAsync(request, cancellationToken);
        var comment = await FindAsync(commentId, WorkspaceAction.Review, cancellationToken);
        if (comment.AuthorId != access.UserId || comment.IsDeleted)
        {
            throw new ForbiddenException("Only the author edits a comment.");
        }
        db.ExpectConcurrencyStamp(comment, request.ConcurrencyStamp!.Value);
        db.CommentRevisions.Add(comment.Edit(request.Body.Trim(), access.UserId, Now));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(comment.DocumentId, DocumentChanges.Comments);
        var people = await names.ResolveAsync(comment.WorkspaceId, [comment.AuthorId], cancellationToken);
        return ToDto(comment, people);
    }

    /// <summary>The author or an Owner deletes; the text is kept as a revision and the comment stays as a marker in its thread.</summary>
    public async Task DeleteAsync(Guid commentId, CancellationToken cancellationToken)
    {
        var comment = await FindAsync(commentId, WorkspaceAction.Review, cancellationToken);
        if (comment.IsDeleted)
        {
            return;
        }
        if (comment.AuthorId != access.UserId)
        {
            await access.RequireAsync(comment.WorkspaceId, WorkspaceAction.Manage, nameof(Comment), commentId, cancellationToken);
        }
        db.CommentRevisions.Add(comment.Delete(access.UserId, Now));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(comment.DocumentId, DocumentChanges.Comments);
    }

    public async Task<CommentDto> SetResolvedAsync(Guid commentId, bool resolved, CancellationToken cancellationToken)
    {
        var comment = await FindAsync(commentId, WorkspaceAction.Review, cancellationToken);
        if (resolved)
        {
            comment.Resolve(access.UserId, Now);
        }
        else
        {
            comment.Reopen();
        }
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(comment.DocumentId, DocumentChanges.Comments);
        var people = await names.ResolveAsync(comment.WorkspaceId, [comment.AuthorId], cancellationToken);
        return ToDto(comment, people);
    }

    private async Task<Comment> FindAsync(Guid commentId, WorkspaceAction action, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Comment), commentId);
        if (!await db.Documents.AnyAsync(d => d.Id == comment.DocumentId, cancellationToken))
        {
            throw new EntityNotFoundException(nameof(Comment), commentId);
        }
        await access.RequireAsync(comment.WorkspaceId, action, nameof(Comment), commentId, cancellationToken);
        return comment;
    }

    private CommentDto ToDto(Comment c, IReadOnlyDictionary<Guid, string> people)
    {
        var anchor = c.Anchor is { } a ? new TextAnchorDto(a.Quote, a.Prefix, a.Suffix, a.Start, a.End) : null;
        return new CommentDto(c.Id, c.DocumentId, c.VersionNumber, c.ParentId, c.AuthorId, people.GetValueOrDefault(c.AuthorId, ""),
            c.Body, c.IsDeleted ? "" : markdown.ToHtml(c.Body), anchor, c.IsResolved, c.CreatedAtUtc, c.EditedAtUtc, c.IsDeleted, c.ConcurrencyStamp);
    }
}
