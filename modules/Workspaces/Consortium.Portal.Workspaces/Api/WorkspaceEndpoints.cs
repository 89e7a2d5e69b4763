using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Activity;
using Consortium.Portal.Workspaces.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Workspaces.Api;

public static class WorkspacePaths
{
    public const string Api = "/api/workspaces";
    public const string Page = "/workspaces";

    public static string PageOf(Guid workspaceId) => $"{Page}/{workspaceId}";
}

/// <summary>
/// The workspaces API. Every endpoint needs a signed-in user; creating needs <see cref="WorkspacePermissions.Create"/>;
/// the rest is decided per workspace by <see cref="WorkspaceService"/> (404 for one the caller may not see, 403 for a
/// change their role does not allow, 409 for a stale stamp or an archived workspace).
/// </summary>
internal static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(WorkspacePaths.Api)
            .WithTags("Workspaces")
            .RequireAuthorization();

        group.MapGet("/", ListAsync)
            .WithName("ListWorkspaces")
            .WithSummary("The caller's workspaces (every workspace for those who manage all), by name")
            .WithDescription("archived: active (default), archived or all. mine=true keeps only those the caller is a member of.");
        group.MapPost("/", CreateAsync)
            .RequirePermission(WorkspacePermissions.Create)
            .WithName("CreateWorkspace")
            .WithSummary("Creates a workspace; the caller becomes its Owner");
        group.MapGet("/{workspaceId:guid}", GetAsync).WithName("GetWorkspace").WithSummary("One workspace and what the caller may do in it");
        group.MapPut("/{workspaceId:guid}", UpdateAsync).WithName("UpdateWorkspace").WithSummary("Renames or redescribes a workspace (Owner)");
        group.MapPost("/{workspaceId:guid}/archive", ArchiveAsync).WithName("ArchiveWorkspace").WithSummary("Makes a workspace read-only (Owner)");
        group.MapPost("/{workspaceId:guid}/unarchive", UnarchiveAsync).WithName("UnarchiveWorkspace").WithSummary("Opens an archived workspace again (Owner)");
        group.MapGet("/{workspaceId:guid}/members", GetMembersAsync).WithName("ListWorkspaceMembers").WithSummary("Direct memberships: users and partner organisations");
        group.MapPost("/{workspaceId:guid}/members", AddMemberAsync).WithName("AddWorkspaceMember").WithSummary("Adds a user or a partner organisation (Owner)");
        group.MapPut("/{workspaceId:guid}/members/{membershipId:guid}", ChangeMemberRoleAsync).WithName("ChangeWorkspaceMemberRole").WithSummary("Changes a member's role (Owner)");
        group.MapDelete("/{workspaceId:guid}/members/{membershipId:guid}", RemoveMemberAsync).WithName("RemoveWorkspaceMember")
            .WithSummary("Removes a member (Owner)").WithDescription("concurrencyStamp: the workspace's stamp the caller read.");
        group.MapGet("/{workspaceId:guid}/activity", GetActivityAsync).WithName("GetWorkspaceActivity")
            .WithSummary("The activity feed, newest first, in the caller's language").WithDescription("page starts at 1; pageSize is at most 100.");
        return endpoints;
    }

    // Requests were checked by their validators before a handler runs (the Platform's RequestValidationFilter), and
    // every refusal is an exception the Platform answers with problem details (ExceptionProblems).

    private static async Task<Ok<IReadOnlyList<WorkspaceSummaryDto>>> ListAsync(
        [AsParameters] WorkspaceListQuery query, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.ListAsync(query, cancellationToken));

    private static async Task<Created<WorkspaceDetailsDto>> CreateAsync(
        CreateWorkspaceRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
    {
        var created = await workspaces.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{WorkspacePaths.Api}/{created.Id}", created);
    }

    private static async Task<Ok<WorkspaceDetailsDto>> GetAsync(Guid workspaceId, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.GetAsync(workspaceId, cancellationToken));

    private static async Task<Ok<WorkspaceDetailsDto>> UpdateAsync(
        Guid workspaceId, UpdateWorkspaceRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.UpdateAsync(workspaceId, request, cancellationToken));

    private static async Task<Ok<WorkspaceDetailsDto>> ArchiveAsync(
        Guid workspaceId, ConcurrencyStampRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.ArchiveAsync(workspaceId, request, cancellationToken));

    private static async Task<Ok<WorkspaceDetailsDto>> UnarchiveAsync(
        Guid workspaceId, ConcurrencyStampRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.UnarchiveAsync(workspaceId, request, cancellationToken));

    private static async Task<Ok<WorkspaceMembersDto>> GetMembersAsync(Guid workspaceId, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.GetMembersAsync(workspaceId, cancellationToken));

    private static async Task<Ok<WorkspaceMembersDto>> AddMemberAsync(
        Guid workspaceId, AddMemberRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.AddMemberAsync(workspaceId, request, cancellationToken));

    private static async Task<Ok<WorkspaceMembersDto>> ChangeMemberRoleAsync(
        Guid workspaceId, Guid membershipId, ChangeMemberRoleRequest request, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.ChangeMemberRoleAsync(workspaceId, membershipId, request, cancellationToken));

    private static async Task<Ok<WorkspaceMembersDto>> RemoveMemberAsync(
        Guid workspaceId, Guid membershipId, Guid? concurrencyStamp, WorkspaceService workspaces, CancellationToken cancellationToken)
        => TypedResults.Ok(await workspaces.RemoveMemberAsync(workspaceId, membershipId, concurrencyStamp, cancellationToken));

    private static async Task<Ok<PagedResult<WorkspaceActivityDto>>> GetActivityAsync(
        Guid workspaceId, [AsParameters] WorkspaceActivityQuery query, WorkspaceActivityFeed feed, CancellationToken cancellationToken)
        => TypedResults.Ok(await feed.GetPageAsync(workspaceId,
            query.ToPage(WorkspaceActivityQuery.DefaultPageSize, WorkspaceActivityQuery.MaxPageSize), cancellationToken));
}
