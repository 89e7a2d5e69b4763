using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Paging;

/// <summary>
/// The paging part of a list's query string, as the client sent it (text, so "abc" gets a message in the user's
/// language rather than the framework's English binding error). A list's query class implements it and its validator
/// derives from <see cref="PagedQueryValidator{T}"/>.
/// </summary>
public interface IPagedQuery
{
    string? Page { get; }
    string? PageSize { get; }
}

public static class PagedQueryExtensions
{
    /// <summary>The page asked for; call after the validator accepted the query.</summary>
    public static ResolvedPage ToPage(this IPagedQuery query, int defaultPageSize, int maxPageSize)
        => new PageRequest(ParseOrNull(query.Page), ParseOrNull(query.PageSize)).Resolve(defaultPageSize, maxPageSize);

    internal static int? ParseOrNull(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>The one set of paging rules: page a whole number from 1, pageSize from 1 to the list's cap, and no page past any list's end.</summary>
public abstract class PagedQueryValidator<T> : AbstractValidator<T> where T : IPagedQuery
{
    protected PagedQueryValidator(IStringLocalizer<PlatformResource> text, int defaultPageSize, int maxPageSize)
    {
        RuleFor(q => q.Page)
            .Must(page => string.IsNullOrWhiteSpace(page) || PagedQueryExtensions.ParseOrNull(page) >= 1)
            .WithMessage(_ => text["Validation:Page"]);
        RuleFor(q => q.PageSize)
            .Must(size => string.IsNullOrWhiteSpace(size) || PagedQueryExtensions.ParseOrNull(size) is >= 1 and var s && s <= maxPageSize)
            .WithMessage(_ => text["Validation:PageSize", maxPageSize]);
        // A skip past int.MaxValue cannot be asked of any database.
        RuleFor(q => q.Page)
            .Must((query, page) => (long)((PagedQueryExtensions.ParseOrNull(page) ?? 1) - 1) * (PagedQueryExtensions.ParseOrNull(query.PageSize) ?? defaultPageSize) <= int.MaxValue)
            .When(q => PagedQueryExtensions.ParseOrNull(q.Page) >= 1)
            .WithMessage(_ => text["Validation:Page"]);
    }
}
