using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Activity;
using Consortium.Portal.Workspaces.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

    private static Task<Results<Ok<IReadOnlyList<WorkspaceSummaryDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? archived, bool? mine, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.ListAsync(archived, mine ?? false, cancellationToken)));

    private static Task<Results<Created<WorkspaceDetailsDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateWorkspaceRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () =>
        {
            var created = await workspaces.CreateAsync(request, cancellationToken);
            return TypedResults.Created($"{WorkspacePaths.Api}/{created.Id}", created);
        });

    private static Task<Results<Ok<WorkspaceDetailsDto>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid workspaceId, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.GetAsync(workspaceId, cancellationToken)));

    private static Task<Results<Ok<WorkspaceDetailsDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid workspaceId, UpdateWorkspaceRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.UpdateAsync(workspaceId, request, cancellationToken)));

    private static Task<Results<Ok<WorkspaceDetailsDto>, ValidationProblem, ProblemHttpResult>> ArchiveAsync(
        Guid workspaceId, ConcurrencyStampRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.ArchiveAsync(workspaceId, request, cancellationToken)));

    private static Task<Results<Ok<WorkspaceDetailsDto>, ValidationProblem, ProblemHttpResult>> UnarchiveAsync(
        Guid workspaceId, ConcurrencyStampRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.UnarchiveAsync(workspaceId, request, cancellationToken)));

    private static Task<Results<Ok<WorkspaceMembersDto>, ValidationProblem, ProblemHttpResult>> GetMembersAsync(
        Guid workspaceId, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.GetMembersAsync(workspaceId, cancellationToken)));

    private static Task<Results<Ok<WorkspaceMembersDto>, ValidationProblem, ProblemHttpResult>> AddMemberAsync(
        Guid workspaceId, AddMemberRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.AddMemberAsync(workspaceId, request, cancellationToken)));

    private static Task<Results<Ok<WorkspaceMembersDto>, ValidationProblem, ProblemHttpResult>> ChangeMemberRoleAsync(
        Guid workspaceId, Guid membershipId, ChangeMemberRoleRequest request, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.ChangeMemberRoleAsync(workspaceId, membershipId, request, cancellationToken)));

    private static Task<Results<Ok<WorkspaceMembersDto>, ValidationProblem, ProblemHttpResult>> RemoveMemberAsync(
        Guid workspaceId, Guid membershipId, Guid? concurrencyStamp, WorkspaceService workspaces, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await workspaces.RemoveMemberAsync(workspaceId, membershipId, concurrencyStamp, cancellationToken)));

    private static Task<Results<Ok<WorkspaceActivityPageDto>, ValidationProblem, ProblemHttpResult>> GetActivityAsync(
        Guid workspaceId, int? page, int? pageSize, WorkspaceActivityFeed feed, WorkspaceProblems problems, CancellationToken cancellationToken)
        => problems.Answer(async () => TypedResults.Ok(await feed.GetPageAsync(workspaceId, page, pageSize, cancellationToken)));
}

/// <summary>Turns the refusals of the workspace rules into RFC 7807 answers in the caller's language.</summary>
internal sealed class WorkspaceProblems(IStringLocalizer<WorkspacesResource> text, IStringLocalizerFactory localizers)
{
    public async Task<Results<TOk, ValidationProblem, ProblemHttpResult>> Answer<TOk>(Func<Task<TOk>> operation) where TOk : IResult
    {
        try
        {
            return await operation();
        }
        catch (WorkspaceValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(x => x.Key, x => x.Value), title: text["Problem.Validation"]);
        }
        catch (EntityNotFoundException)
        {
            return Problem(StatusCodes.Status404NotFound, text["Problem.NotFound.Title"], text["Problem.NotFound"]);
        }
        catch (ForbiddenException)
        {
            return Problem(StatusCodes.Status403Forbidden, text["Problem.Forbidden.Title"], text["Problem.Forbidden"]);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            return Problem(StatusCodes.Status409Conflict, text["Problem.Conflict.Title"], text["Problem.Conflict"], "Workspace.Stale");
        }
        catch (DomainRuleException e)
        {
            var title = e.StatusCode == StatusCodes.Status409Conflict ? text["Problem.Conflict.Title"] : text["Problem.Rule.Title"];
            return Problem(e.StatusCode, title, localizers.Create(e.LocalizationResource)[e.MessageKey, e.Arguments], e.MessageKey);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string? code = null)
        => TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });
}
