using System.Globalization;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Api;

/// <summary>The query string of <c>GET /api/notifications</c>, as the client sent it; <see cref="InboxQueryValidator"/> checks it.</summary>
public sealed class InboxQueryParameters : IPagedQuery
{
    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? Module { get; init; }
    public string? Type { get; init; }
    public string? Unread { get; init; }

    /// <summary>A notification id or an ISO 8601 instant: list only what came after (catch-up after a reconnect).</summary>
    public string? After { get; init; }

    /// <summary>The query these parameters ask for; only after the validator accepted them.</summary>
    internal InboxQuery ToQuery()
    {
        var page = this.ToPage(InboxQuery.DefaultPageSize, InboxQuery.MaxPageSize);
        return new InboxQuery(page.Page, page.PageSize, Module?.Trim(), Type?.Trim(),
            !string.IsNullOrWhiteSpace(Unread) && bool.TryParse(Unread, out var unread) && unread, ParseCursor(After));
    }

    internal static InboxCursor? ParseCursor(string? after)
    {
        if (string.IsNullOrWhiteSpace(after))
        {
            return null;
        }
        if (Guid.TryParse(after, out var id))
        {
            return new InboxCursor(id, null);
        }
        return DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? new InboxCursor(null, instant.UtcDateTime)
            : null;
    }
}

/// <summary>The inbox's query rules: the Platform's paging (at most <see cref="InboxQuery.MaxPageSize"/> a page) and the inbox's filters.</summary>
internal sealed class InboxQueryValidator : PagedQueryValidator<InboxQueryParameters>
{
    public InboxQueryValidator(IStringLocalizer<PlatformResource> paging, IStringLocalizer<NotificationsResource> text)
        : base(paging, InboxQuery.DefaultPageSize, InboxQuery.MaxPageSize)
    {
        RuleFor(q => q.Unread)
            .Must(unread => string.IsNullOrWhiteSpace(unread) || bool.TryParse(unread, out _))
            .WithMessage(_ => text["Validation:Unread"]);
        RuleFor(q => q.Module)
            .Must(module => module is not { Length: > NotificationTypeDefinition.MaxNameLength })
            .WithMessage(_ => text["Validation:TooLong", NotificationTypeDefinition.MaxNameLength]);
        RuleFor(q => q.Type)
            .Must(type => type is not { Length: > NotificationTypeDefinition.MaxNameLength })
            .WithMessage(_ => text["Validation:TooLong", NotificationTypeDefinition.MaxNameLength]);
        RuleFor(q => q.After)
            .Must(after => string.IsNullOrWhiteSpace(after) || InboxQueryParameters.ParseCursor(after) is not null)
            .WithMessage(_ => text["Validation:After"]);
    }
}
