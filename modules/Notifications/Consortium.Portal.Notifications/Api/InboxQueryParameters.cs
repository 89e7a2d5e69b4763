using System.Globalization;
using Consortium.Portal.Notifications.Delivery;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Api;

/// <summary>The query string of <c>GET /api/notifications</c>, as the client sent it; <see cref="TryParse"/> checks it.</summary>
public sealed class InboxQueryParameters
{
    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? Module { get; init; }
    public string? Type { get; init; }
    public string? Unread { get; init; }

    /// <summary>A notification id or an ISO 8601 instant: list only what came after (catch-up after a reconnect).</summary>
    public string? After { get; init; }

    internal bool TryParse(IStringLocalizer<NotificationsResource> text, out InboxQuery query, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => found[field] = [message];

        var page = 1;
        if (!string.IsNullOrWhiteSpace(Page) && (!int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            Fail("page", text["Validation:Page"]);
        }
        var pageSize = InboxQuery.DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(PageSize)
            && (!int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > InboxQuery.MaxPageSize))
        {
            Fail("pageSize", text["Validation:PageSize", InboxQuery.MaxPageSize]);
        }
        else if (!found.ContainsKey("page") && (long)(page - 1) * pageSize > int.MaxValue)
        {
            Fail("page", text["Validation:Page"]);
        }

        var unread = false;
        if (!string.IsNullOrWhiteSpace(Unread) && !bool.TryParse(Unread, out unread))
        {
            Fail("unread", text["Validation:Unread"]);
        }
        if (Module is { Length: > NotificationTypeDefinition.MaxNameLength })
        {
            Fail("module", text["Validation:TooLong", NotificationTypeDefinition.MaxNameLength]);
        }
        if (Type is { Length: > NotificationTypeDefinition.MaxNameLength })
        {
            Fail("type", text["Validation:TooLong", NotificationTypeDefinition.MaxNameLength]);
        }

        InboxCursor? after = null;
        if (!string.IsNullOrWhiteSpace(After))
        {
            if (Guid.TryParse(After, out var id))
            {
                after = new InboxCursor(id, null);
            }
            else if (DateTimeOffset.TryParse(After, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                after = new InboxCursor(null, instant.UtcDateTime);
            }
            else
            {
                Fail("after", text["Validation:After"]);
            }
        }

        errors = found;
        query = new InboxQuery(page, pageSize, Module?.Trim(), Type?.Trim(), unread, after);
        return found.Count == 0;
    }
}
