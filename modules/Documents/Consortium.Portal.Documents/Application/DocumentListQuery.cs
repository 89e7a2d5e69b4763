using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// The paging part of <c>GET /api/workspaces/{id}/documents</c>: a page of a folder's documents, by name; by number
/// (<c>page</c>) or, faster on a deep page, after the last one read (<c>after</c>, the answer's <c>next</c>).
/// </summary>
public sealed class DocumentListQuery : IKeysetPagedQuery
{
    /// <summary>The list's order: name, then id.</summary>
    public const int SortKeys = 2;

    public const int DefaultPageSize = 100;

    /// <summary>The most documents one page holds: a folder's page shows all of a large folder's documents at once.</summary>
    public const int MaxPageSize = 500;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? After { get; init; }

    /// <summary>The cursor of the page after the one that ends with this name and id.</summary>
    public static PageCursor CursorAfter(string name, Guid id, int nextPage, int totalCount) => new([name, id.ToString("D")], nextPage, totalCount);

    public static bool TryReadCursor(PageCursor cursor, out string name, out Guid id)
    {
        name = cursor.Keys[0];
        return Guid.TryParse(cursor.Keys[1], out id);
    }

    /// <summary>The first page of the largest size, as the Documents tab reads it.</summary>
    public static ResolvedPage FirstFullPage => new(1, MaxPageSize);
}

internal sealed class DocumentListQueryValidator : KeysetPagedQueryValidator<DocumentListQuery>
{
    public DocumentListQueryValidator(IStringLocalizer<PlatformResource> text)
        : base(text, DocumentListQuery.SortKeys, DocumentListQuery.DefaultPageSize, DocumentListQuery.MaxPageSize)
    {
        RuleFor(q => q.After)
            .Must(after => PageCursor.TryDecode(after, DocumentListQuery.SortKeys) is not { } cursor || DocumentListQuery.TryReadCursor(cursor, out _, out _))
            .WithMessage(_ => text["Validation:PageCursor"]);
    }
}
