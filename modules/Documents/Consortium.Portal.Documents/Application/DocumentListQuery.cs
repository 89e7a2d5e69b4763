using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

/// <summary>The paging part of <c>GET /api/workspaces/{id}/documents</c>: a page of a folder's documents, by name.</summary>
public sealed class DocumentListQuery : IPagedQuery
{
    public const int DefaultPageSize = 100;

    /// <summary>The most documents one page holds: a folder's page shows all of a large folder's documents at once.</summary>
    public const int MaxPageSize = 500;

    public string? Page { get; init; }
    public string? PageSize { get; init; }

    /// <summary>The first page of the largest size, as the Documents tab reads it.</summary>
    public static ResolvedPage FirstFullPage => new(1, MaxPageSize);
}

internal sealed class DocumentListQueryValidator(IStringLocalizer<PlatformResource> text)
    : PagedQueryValidator<DocumentListQuery>(text, DocumentListQuery.DefaultPageSize, DocumentListQuery.MaxPageSize);
