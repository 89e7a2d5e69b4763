using System.Globalization;
using Consortium.Portal.Platform.Validation;
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

/// <summary>
/// A list that also pages by key: <see cref="After"/> is the <see cref="PagedResult{T}.Next"/> of the page before.
/// <c>page</c> still reads by offset, for a client that jumps to a page by its number.
/// </summary>
public interface IKeysetPagedQuery : IPagedQuery
{
    string? After { get; }
}

public static class PagedQueryExtensions
{
    /// <summary>
    /// The page asked for by key (with <c>after</c>) or by number; call after the validator accepted the query, with the
    /// number of sort keys the list's cursor holds.
    /// </summary>
    public static KeysetPage ToKeysetPage(this IKeysetPagedQuery query, int keyCount, int defaultPageSize, int maxPageSize)
    {
        var size = query.ToPage(defaultPageSize, maxPageSize).PageSize;
        return PageCursor.TryDecode(query.After, keyCount) is { } after
            ? new KeysetPage(new ResolvedPage(Math.Min(after.Page, int.MaxValue / size), size), after)
            : new KeysetPage(query.ToPage(defaultPageSize, maxPageSize), null);
    }

    /// <summary>The page asked for; call after the validator accepted the query.</summary>
    public static ResolvedPage ToPage(this IPagedQuery query, int defaultPageSize, int maxPageSize)
        => new PageRequest(ParseOrNull(query.Page), ParseOrNull(query.PageSize)).Resolve(defaultPageSize, maxPageSize);

    internal static int? ParseOrNull(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>The one set of paging rules: page a whole number from 1, pageSize from 1 to the list's cap, and no page past any list's end.</summary>
public abstract class PagedQueryValidator<T> : AbstractValidator<T>, IPortalWideValidator where T : IPagedQuery
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

/// <summary>The paging rules of a list that also pages by key: a cursor this portal made, and not together with a page number.</summary>
public abstract class KeysetPagedQueryValidator<T> : PagedQueryValidator<T> where T : IKeysetPagedQuery
{
    protected KeysetPagedQueryValidator(IStringLocalizer<PlatformResource> text, int keyCount, int defaultPageSize, int maxPageSize)
        : base(text, defaultPageSize, maxPageSize)
    {
        RuleFor(q => q.After)
            .Must(after => PageCursor.TryDecode(after, keyCount) is not null)
            .When(q => !string.IsNullOrEmpty(q.After))
            .WithMessage(_ => text["Validation:PageCursor"]);
        RuleFor(q => q.Page)
            .Must(page => string.IsNullOrWhiteSpace(page))
            .When(q => !string.IsNullOrEmpty(q.After))
            .WithMessage(_ => text["Validation:PageWithCursor"]);
    }
}
