using System.Globalization;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Auditing;

/// <summary>One line of the audit log as the API and the audit page show it.</summary>
public sealed record AuditLogEntryDto(
    Guid Id,
    DateTime AtUtc,
    Guid? UserId,
    string? UserName,
    string? IpAddress,
    string Action,
    string? EntityType,
    string? EntityId,
    string? Details);

/// <summary>One page of the audit log, newest first, and how many lines match in all.</summary>
public sealed record AuditLogResult(IReadOnlyList<AuditLogEntryDto> Items, int TotalCount, int Page, int PageSize);

/// <summary>What to look for in the audit log; <see cref="ToUtc"/> is exclusive.</summary>
public sealed record AuditLogQuery(
    int Page = 1,
    int PageSize = AuditLogQuery.DefaultPageSize,
    Guid? UserId = null,
    string? ActionPrefix = null,
    string? EntityType = null,
    string? EntityId = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxTextLength = 128;
}

/// <summary>The query string of <c>GET /api/audit-log</c>, as the client sent it; <see cref="TryParse"/> checks it.</summary>
public sealed class AuditLogQueryParameters
{
    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? UserId { get; init; }
    public string? Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>Turns the parameters into a query, or into the errors per parameter, in the user's language.</summary>
    public bool TryParse(IStringLocalizer<PlatformResource> text, out AuditLogQuery query, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => found[field] = [message];

        var page = 1;
        if (!string.IsNullOrWhiteSpace(Page) && (!int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            Fail("page", text["Validation:Page"]);
        }
        var pageSize = AuditLogQuery.DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(PageSize)
            && (!int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > AuditLogQuery.MaxPageSize))
        {
            Fail("pageSize", text["Validation:PageSize", AuditLogQuery.MaxPageSize]);
        }
        else if (!found.ContainsKey("page") && (long)(page - 1) * pageSize > int.MaxValue)
        {
            Fail("page", text["Validation:Page"]);
        }

        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(UserId))
        {
            if (Guid.TryParse(UserId, out var parsed)) userId = parsed;
            else Fail("userId", text["Validation:UserId"]);
        }

        string? Text(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (value.Length > AuditLogQuery.MaxTextLength)
            {
                Fail(field, text["Validation:TooLong", AuditLogQuery.MaxTextLength]);
                return null;
            }
            return value.Trim();
        }
        var action = Text("action", Action);
        var entityType = Text("entityType", EntityType);
        var entityId = Text("entityId", EntityId);

        DateTime? Instant(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant.UtcDateTime;
            }
            Fail(field, text["Validation:Instant"]);
            return null;
        }
        var from = Instant("from", From);
        var to = Instant("to", To);
        if (from is not null && to is not null && from >= to)
        {
            Fail("to", text["Validation:FromBeforeTo"]);
        }

        errors = found;
        query = new AuditLogQuery(page, pageSize, userId, action, entityType, entityId, from, to);
        return found.Count == 0;
    }
}

/// <summary>Reads the audit log for the API and the audit page. Callers check <c>Platform.AuditLog.View</c>.</summary>
internal sealed class AuditLogSearch(PlatformDbContext db)
{
    public async Task<AuditLogResult> SearchAsync(AuditLogQuery query, CancellationToken cancellationToken = default)
    {
        var lines = db.AuditLog.AsNoTracking();
        if (query.UserId is { } userId) lines = lines.Where(e => e.UserId == userId);
        if (query.ActionPrefix is { Length: > 0 } action) lines = lines.Where(e => e.Action.StartsWith(action));
        if (query.EntityType is { Length: > 0 } entityType) lines = lines.Where(e => e.EntityType == entityType);
        if (query.EntityId is { Length: > 0 } entityId) lines = lines.Where(e => e.EntityId == entityId);
        if (query.FromUtc is { } from) lines = lines.Where(e => e.AtUtc >= from);
        if (query.ToUtc is { } to) lines = lines.Where(e => e.AtUtc < to);

        var total = await lines.CountAsync(cancellationToken);
        var items = await lines
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(e => new AuditLogEntryDto(e.Id, e.AtUtc, e.UserId, e.UserName, e.IpAddress, e.Action, e.EntityType, e.EntityId, e.Details))
            .ToListAsync(cancellationToken);
        return new AuditLogResult(items, total, query.Page, query.PageSize);
    }
}
