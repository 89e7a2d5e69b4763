using System.Globalization;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Consortium.Portal.Platform.Paging;
using FluentValidation;

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

/// <summary>The query string of <c>GET /api/audit-log</c>, as the client sent it; <see cref="AuditLogQueryValidator"/> checks it.</summary>
public sealed class AuditLogQueryParameters : IPagedQuery
{
    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? UserId { get; init; }
    public string? Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The query these parameters ask for; only after the validator accepted them.</summary>
    public AuditLogQuery ToQuery()
    {
        var page = this.ToPage(AuditLogQuery.DefaultPageSize, AuditLogQuery.MaxPageSize);
        return new AuditLogQuery(page.Page, page.PageSize, Guid.TryParse(UserId, out var userId) ? userId : null,
            TrimmedOrNull(Action), TrimmedOrNull(EntityType), TrimmedOrNull(EntityId), ParseInstant(From), ParseInstant(To));
    }

    private static string? TrimmedOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static DateTime? ParseInstant(string? value)
        => !string.IsNullOrWhiteSpace(value)
           && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime
            : null;
}

public sealed class AuditLogQueryValidator : PagedQueryValidator<AuditLogQueryParameters>
{
    public AuditLogQueryValidator(IStringLocalizer<PlatformResource> text)
        : base(text, AuditLogQuery.DefaultPageSize, AuditLogQuery.MaxPageSize)
    {
        RuleFor(q => q.UserId)
            .Must(id => string.IsNullOrWhiteSpace(id) || Guid.TryParse(id, out _))
            .WithMessage(_ => text["Validation:UserId"]);
        RuleFor(q => q.Action).Must(BeShortEnough).WithMessage(_ => text["Validation:TooLong", AuditLogQuery.MaxTextLength]);
        RuleFor(q => q.EntityType).Must(BeShortEnough).WithMessage(_ => text["Validation:TooLong", AuditLogQuery.MaxTextLength]);
        RuleFor(q => q.EntityId).Must(BeShortEnough).WithMessage(_ => text["Validation:TooLong", AuditLogQuery.MaxTextLength]);
        RuleFor(q => q.From).Must(BeAnInstant).WithMessage(_ => text["Validation:Instant"]);
        RuleFor(q => q.To).Must(BeAnInstant).WithMessage(_ => text["Validation:Instant"]);
        RuleFor(q => q.To)
            .Must((q, to) => AuditLogQueryParameters.ParseInstant(q.From) is not { } from
                             || AuditLogQueryParameters.ParseInstant(to) is not { } end || from < end)
            .WithMessage(_ => text["Validation:FromBeforeTo"]);
    }

    private static bool BeShortEnough(string? value) => string.IsNullOrWhiteSpace(value) || value.Trim().Length <= AuditLogQuery.MaxTextLength;

    private static bool BeAnInstant(string? value) => string.IsNullOrWhiteSpace(value) || AuditLogQueryParameters.ParseInstant(value) is not null;
}

/// <summary>Reads the audit log for the API and the audit page. Callers check <c>Platform.AuditLog.View</c>.</summary>
internal sealed class AuditLogSearch(PlatformDbContext db)
{
    public async Task<PagedResult<AuditLogEntryDto>> SearchAsync(AuditLogQuery query, CancellationToken cancellationToken = default)
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
        return new PagedResult<AuditLogEntryDto>(items, total, query.Page, query.PageSize);
    }
}
