using System.Globalization;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Consortium.Portal.Platform.Paging;
using FluentValidation;
using Consortium.Portal.Platform.Security;

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
    string? Details,
    string? EntityName = null,
    string? Person = null,
    string? Summary = null);

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

/// <summary>
/// Reads the audit log for the API and the audit page. Callers check <c>Platform.AuditLog.View</c>. Each line comes with
/// its person's name (from <see cref="IPeopleDirectory"/>, when a module provides one) and its sentence in the reader's
/// language (<see cref="AuditSentences"/>).
/// </summary>
internal sealed class AuditLogSearch(PlatformDbContext db, IStringLocalizer<PlatformResource> text, IEnumerable<IPeopleDirectory> people)
{
    /// <summary>How many different actions the action filter offers at most.</summary>
    public const int MaxActions = 500;

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
            .Select(e => new AuditLogEntryDto(e.Id, e.AtUtc, e.UserId, e.UserName, e.IpAddress, e.Action, e.EntityType, e.EntityId, e.Details, e.EntityName, null, null))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(items.Where(i => i.UserId is not null).Select(i => i.UserId!.Value).Distinct().ToList(), cancellationToken);
        var described = items.Select(i =>
        {
            var person = i.UserId is { } id && names.TryGetValue(id, out var name) ? name : i.UserName;
            return i with { Person = person, Summary = AuditSentences.Describe(i with { Person = person }, text) };
        }).ToList();
        return new PagedResult<AuditLogEntryDto>(described, total, query.Page, query.PageSize);
    }

    /// <summary>The actions the log holds, for the action filter (each shown by its localized name).</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken = default)
        => await db.AuditLog.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).Take(MaxActions).ToListAsync(cancellationToken);

    /// <summary>People whose name or address contains <paramref name="search"/>, for the person filter.</summary>
    public async Task<IReadOnlyList<PersonName>> PeopleAsync(string? search, CancellationToken cancellationToken = default)
        => string.IsNullOrWhiteSpace(search) || people.FirstOrDefault() is not { } directory
            ? []
            : await directory.SearchAsync(search, 10, cancellationToken);

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        => ids.Count == 0 || people.FirstOrDefault() is not { } directory
            ? new Dictionary<Guid, string>()
            : await directory.NamesOfAsync(ids, cancellationToken);
}
