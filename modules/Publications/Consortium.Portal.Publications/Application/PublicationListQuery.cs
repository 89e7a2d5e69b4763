using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Publications.Application;

/// <summary><c>GET /api/publications</c>: a page of the consortium's publications, newest change first, by state and workspace.</summary>
public sealed class PublicationListQuery : IPagedQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public PublicationState? State { get; init; }
    public Guid? WorkspaceId { get; init; }
}

internal sealed class PublicationListQueryValidator : PagedQueryValidator<PublicationListQuery>
{
    public PublicationListQueryValidator(IStringLocalizer<PlatformResource> text)
        : base(text, PublicationListQuery.DefaultPageSize, PublicationListQuery.MaxPageSize)
    {
    }
}
