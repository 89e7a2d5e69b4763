using System.Text;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

public sealed record SuggestEditRequest(int VersionNumber, TextAnchorDto Anchor, string Replacement, string? Reason);

public sealed record DecideSuggestionsRequest(IReadOnlyList<Guid>? Accept, IReadOnlyList<Guid>? Reject);

/// <summary>
/// Suggested edits of Markdown, text and Word documents (in Word as tracked changes): a reviewer proposes a replacement for a passage; the author accepts
/// or rejects them, one by one or all at once. Accepting makes a new version whose note says what was accepted from whom;
/// a suggestion whose passage is gone from the latest text is reported stale and stays open.
/// </summary>
internal sealed class DocumentSuggestions(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    MemberNames names,
    VersionTexts texts,
    DocumentVersionEvents versionEvents,
    ILiveChanges live,
    IBlobStore blobs,
    IStringLocalizer<DocumentsResource> text,
    IValidator<SuggestEditRequest> suggestions,
    TimeProvider clock)
{
    private const int MaxAttempts = 12;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<SuggestionDto>> ListAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.DocumentId == documentId).OrderBy(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var latestText = await LatestTextAsync(document, cancellationToken);
        var people = await names.ResolveAsync(document.WorkspaceId, suggestions.Select(s => s.AuthorId), cancellationToken);
        return suggestions.Select(s => ToDto(s, people, latestText)).ToList();
    }

    public async Task<SuggestionDto> AddAsync(Guid documentId, SuggestEditRequest request, CancellationToken cancellationToken)
    {
        await suggestions.EnsureValidAsync(request, cancellationToken);
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Review, cancellationToken);
        if (!Accepts(document.FileType))
        {
            throw new DomainRuleException("Suggestion:OnlyText", typeof(DocumentsResource));
        }
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == request.VersionNumber, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{request.VersionNumber}");
        var versionText = await texts.GetAsync(version, document.FileType, cancellationToken) ?? "";
        var anchor = TextAnchoring.Verify(versionText, request.Anchor)
            ?? throw new DomainRuleException("Comment:QuoteNotFound", typeof(DocumentsResource));
        if (document.FileType == DocumentFileType.Docx && anchor.Quote.Contains('\n', StringComparison.Ordinal))
        {
            // Over a paragraph's end a tracked change joins two paragraphs of the body; into a table cell or a text box it cannot.
            using var package = await ReadPackageAsync(version, cancellationToken);
            if (!DocxTrackedChanges.CanApply(package, anchor.Start, anchor.End))
            {
                throw new DomainRuleException("Suggestion:OneParagraph", typeof(DocumentsResource));
            }
        }
        var replacement = (request.Replacement ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        // Whether the replacement changes anything is known only against the passage found in the text.
        if (replacement == anchor.Quote)
        {
            throw new DomainRuleException("Suggestion:NoChange", typeof(DocumentsResource));
        }
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var suggestion = new Suggestion(document, version, access.UserId,
            new TextAnchor(anchor.Quote, anchor.Prefix, anchor.Suffix, anchor.Start, anchor.End), replacement, reason);
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Suggestions);
        var people = await names.ResolveAsync(document.WorkspaceId, [access.UserId], cancellationToken);
        return ToDto(suggestion, people, await LatestTextAsync(document, cancellationToken));
    }

    public async Task<SuggestionDecisionResultDto> DecideAsync(Guid documentId, DecideSuggestionsRequest request, CancellationToken cancellationToken)
    {
        await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        var accept = (request.Accept ?? []).Distinct().ToList();
        var reject = (request.Reject ?? []).Distinct().Except(accept).ToList();
        string? storedBlob = null;
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
                ?? throw new EntityNotFoundException(nameof(Document), documentId);
            if (document.IsLockedAgainst(access.UserId, Now))
            {
                throw await library.LockedExceptionAsync(document, cancellationToken);
            }
            var wanted = accept.Concat(reject).ToList();
            var open = await db.Suggestions.Where(s => s.DocumentId == documentId && s.State == SuggestionState.Open && wanted.Contains(s.Id)).ToListAsync(cancellationToken);
            if (open.Count != wanted.Count)
            {
                throw new DomainRuleException("Suggestion:NotOpen", typeof(DocumentsResource));
            }
            foreach (var suggestion in open.Where(s => reject.Contains(s.Id)))
            {
                suggestion.Reject(access.UserId, Now);
            }

            int? newVersion = null;
            IReadOnlyList<Guid> applied = [], stale = [];
            var toAccept = open.Where(s => accept.Contains(s.Id)).OrderBy(s => s.CreatedAtUtc).ToList();
            if (toAccept.Count > 0)
            {
                var latest = await db.Versions.AsNoTracking().FirstAsync(v => v.Id == document.LatestVersionId, cancellationToken);
                var current = await texts.GetAsync(latest, document.FileType, cancellationToken) ?? "";
                var outcome = SuggestionApplication.Apply(current, toAccept.Select(s =>
                    new SuggestedReplacement(s.Id, new TextAnchorDto(s.AnchorQuote, s.AnchorPrefix, s.AnchorSuffix, s.AnchorStart, s.AnchorEnd), s.Replacement)));
                applied = outcome.Applied;
                stale = outcome.Stale;
                var bytes = Encoding.UTF8.GetBytes(outcome.Text);
                var newText = outcome.Text;
                if (applied.Count > 0 && document.FileType == DocumentFileType.Docx)
                {
                    (bytes, newText, applied) = await TrackedChangesAsync(document, latest, toAccept, outcome, cancellationToken);
                    stale = stale.Concat(outcome.Applied.Except(applied)).ToList();
                }
                if (applied.Count > 0)
                {
                    if (storedBlob is not null)
                    {
                        await DeleteQuietlyAsync(storedBlob);
                    }
                    var blob = await blobs.PutAsync(DocumentsOptions.BlobContainer, BlobName.New(clock.GetUtcNow()), new MemoryStream(bytes),
                        new BlobPutOptions { ContentType = DocumentFileTypes.Get(document.FileType).ContentType, Condition = BlobWriteCondition.CreateOnly }, cancellationToken);
                    storedBlob = blob.Name;
                    var accepted = toAccept.Where(s => applied.Contains(s.Id)).ToList();
                    var people = await names.ResolveAsync(document.WorkspaceId, accepted.Select(s => s.AuthorId), cancellationToken);
                    var version = document.AddVersion(
                        new VersionContent(blob.Name, latest.FileName, blob.Length, blob.Sha256, blob.ContentType),
                        access.UserId, Now, Note(accepted, people));
                    db.Versions.Add(version);
                    db.VersionTexts.Add(new VersionText { VersionId = version.Id, Text = newText, ExtractedAtUtc = Now });
                    version.TextState = VersionTextState.Extracted;
                    foreach (var suggestion in accepted)
                    {
                        suggestion.Accept(access.UserId, Now, version.Number);
                    }
                    await versionEvents.PublishAsync(document, version, cancellationToken);
                    newVersion = version.Number;
                }
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch
            {
                if (storedBlob is not null)
                {
                    await DeleteQuietlyAsync(storedBlob);
                }
                throw;
            }
            await live.DocumentChangedAsync(documentId, newVersion is null ? DocumentChanges.Suggestions : DocumentChanges.Version);
            return new SuggestionDecisionResultDto(newVersion, applied, reject, stale);
        }
    }

    /// <summary>Which documents take suggested edits: Markdown and text (their content is the text) and Word, as tracked changes.</summary>
    internal static bool Accepts(DocumentFileType type) => DocumentFileTypes.Get(type).IsOwnText || type == DocumentFileType.Docx;

    /// <summary>
    /// The latest .docx with the accepted suggestions written in as tracked changes by their suggesters
    /// (<see cref="DocxTrackedChanges"/>), its text, and the suggestions it holds (a passage into a table cell or a text box is not).
    /// </summary>
    private async Task<(byte[] Bytes, string Text, IReadOnlyList<Guid> Applied)> TrackedChangesAsync(
        Document document, DocumentVersion latest, IReadOnlyList<Suggestion> accepted, SuggestionOutcome outcome, CancellationToken cancellationToken)
    {
        var people = await names.ResolveAsync(document.WorkspaceId, accepted.Select(s => s.AuthorId), cancellationToken);
        var byId = accepted.ToDictionary(s => s.Id);
        var changes = outcome.Ranges.Select(r => new TrackedReplacement(r.Id, r.Start, r.End, byId[r.Id].Replacement,
            people.GetValueOrDefault(byId[r.Id].AuthorId) is { Length: > 0 } name ? name : text["Suggestion:UnknownAuthor"].Value, Now)).ToList();
        using var package = await ReadPackageAsync(latest, cancellationToken);
        var applied = DocxTrackedChanges.Apply(package, changes);
        var bytes = package.ToArray();
        return (bytes, TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(bytes)), applied);
    }

    /// <summary>A version's file as a seekable, writable copy in memory (the Open XML SDK moves around in a package).</summary>
    private async Task<MemoryStream> ReadPackageAsync(DocumentVersion version, CancellationToken cancellationToken)
    {
        var package = new MemoryStream();
        await using (var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken)
            ?? throw new BlobStorageException($"The content of version {version.Id} is missing."))
        {
            await download.Content.CopyToAsync(package, cancellationToken);
        }
        package.Position = 0;
        return package;
    }

    /// <summary>The version's note: what was accepted, from whom (cut to the note's length).</summary>
    private string Note(IReadOnlyList<Suggestion> accepted, IReadOnlyDictionary<Guid, string> people)
    {
        static string Short(string s) => s.Length <= 60 ? s : s[..57] + "…";
        var lines = accepted.Select(s => text["Suggestion:NoteLine", Short(s.AnchorQuote), Short(s.Replacement), people[s.AuthorId]].Value);
        var note = text["Suggestion:NoteHeader", accepted.Count] + "\n" + string.Join("\n", lines);
        return note.Length <= DocumentConsts.MaxNoteLength ? note : note[..(DocumentConsts.MaxNoteLength - 1)] + "…";
    }

    private async Task<string?> LatestTextAsync(Document document, CancellationToken cancellationToken)
    {
        if (!Accepts(document.FileType) || document.LatestVersionId is not { } latestId)
        {
            return null;
        }
        var latest = await db.Versions.AsNoTracking().FirstAsync(v => v.Id == latestId, cancellationToken);
        return await texts.GetAsync(latest, document.FileType, cancellationToken);
    }

    private static SuggestionDto ToDto(Suggestion s, IReadOnlyDictionary<Guid, string> people, string? latestText)
    {
        var anchor = new TextAnchorDto(s.AnchorQuote, s.AnchorPrefix, s.AnchorSuffix, s.AnchorStart, s.AnchorEnd);
        var stale = s.State == SuggestionState.Open && latestText is not null && TextAnchoring.Locate(latestText, anchor) is null;
        return new SuggestionDto(s.Id, s.DocumentId, s.VersionNumber, s.AuthorId, people.GetValueOrDefault(s.AuthorId, ""), anchor,
            s.Replacement, s.Reason, s.State, s.CreatedAtUtc, s.AppliedInVersionNumber, stale);
    }

    private async Task DeleteQuietlyAsync(string name)
    {
        try
        {
            await blobs.DeleteAsync(DocumentsOptions.BlobContainer, name, CancellationToken.None);
        }
        catch (BlobStorageException)
        {
            // The orphan cleanup removes it.
        }
    }
}
