using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Consortium.Portal.Platform.Paging;

namespace Consortium.Portal.Platform.Auditing;

public static class AuditLogPaths
{
    public const string Api = "/api/audit-log";
    public const string Page = "/admin/audit";
}

internal static class AuditLogEndpoints
{
    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(AuditLogPaths.Api)
            .WithTags("Audit log")
            .RequirePermission(PlatformPermissions.AuditLog.View);

        group.MapGet("/", SearchAsync)
            .WithName("SearchAuditLog")
            .WithSummary("Lines of the audit log, newest first, filtered and paged")
            .WithDescription("Filters: userId, action (a prefix), entityType, entityId, from (inclusive) and to (exclusive), " +
                             "as ISO 8601 instants (UTC unless an offset is given). page starts at 1; pageSize is at most 200.");
        return endpoints;
    }

    // The parameters were checked by AuditLogQueryValidator before this runs (RequestValidationFilter).
    private static async Task<Ok<PagedResult<AuditLogEntryDto>>> SearchAsync(
        [AsParameters] AuditLogQueryParameters parameters, AuditLogSearch search, CancellationToken cancellationToken)
        => TypedResults.Ok(await search.SearchAsync(parameters.ToQuery(), cancellationToken));
}
