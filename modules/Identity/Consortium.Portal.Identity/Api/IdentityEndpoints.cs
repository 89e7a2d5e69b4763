using Consortium.Portal.Identity.Administration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Identity.Api;

public sealed record UpdatePartnerRequest(string? ShortName, string? Name, string? Side, Guid? ConcurrencyStamp);

public sealed record PermissionGrantRequest(bool Granted);

/// <summary>/api/identity: partners, users, invitations and role permissions, each behind its permission.</summary>
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Requests were checked by their validators before a handler runs (the Platform's RequestValidationFilter), and
        // every refusal is an exception the Platform answers with problem details (ExceptionProblems).
        var group = endpoints.MapGroup("/api/identity").WithTags("Identity");

        group.MapGet("/partners", (PartnerAdministration partners, CancellationToken ct) => partners.ListAsync(ct))
            .RequirePermission(IdentityPermissions.Partners.View);
        group.MapPost("/partners", CreatePartnerAsync).RequirePermission(IdentityPermissions.Partners.Manage);
        group.MapPut("/partners/{id:guid}", UpdatePartnerAsync).RequirePermission(IdentityPermissions.Partners.Manage);

        group.MapGet("/users", (Guid? partnerOrganisationId, string? role, string? search, UserAdministration users, CancellationToken ct)
                => users.ListAsync(new UserFilter(partnerOrganisationId, role, search), ct))
            .RequirePermission(IdentityPermissions.Users.View);
        group.MapPost("/users/{id:guid}/disable", async (Guid id, UserAdministration users, CancellationToken ct) =>
            {
                await users.DisableAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(IdentityPermissions.Users.Manage);
        group.MapPost("/users/{id:guid}/enable", async (Guid id, UserAdministration users, CancellationToken ct) =>
            {
                await users.EnableAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(IdentityPermissions.Users.Manage);
        group.MapPut("/users/{id:guid}/assignment", async (Guid id, UserAssignment assignment, UserAdministration users, CancellationToken ct) =>
            {
                await users.AssignAsync(id, assignment, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(IdentityPermissions.Users.Manage);

        group.MapGet("/invitations", (Invitations invitations, CancellationToken ct) => invitations.ListPendingAsync(ct))
            .RequirePermission(IdentityPermissions.Users.Invite);
        group.MapPost("/invitations", async (InvitationInput input, Invitations invitations, CancellationToken ct) =>
            {
                var invitation = await invitations.InviteAsync(input, ct);
                return TypedResults.Created($"/api/identity/invitations/{invitation.Id}", invitation);
            })
            .RequirePermission(IdentityPermissions.Users.Invite);

        group.MapGet("/roles/permissions", (RolePermissions grid, CancellationToken ct) => grid.GetGridAsync(ct))
            .RequirePermission(IdentityPermissions.Roles.ManagePermissions);
        group.MapPut("/roles/{role}/permissions/{permission}", async (string role, string permission, PermissionGrantRequest request, RolePermissions grid, CancellationToken ct) =>
            {
                await grid.SetAsync(role, permission, request.Granted, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(IdentityPermissions.Roles.ManagePermissions);
    }

    private static async Task<Created<PartnerOrganisationDto>> CreatePartnerAsync(PartnerInput input, PartnerAdministration partners, CancellationToken ct)
    {
        var partner = await partners.CreateAsync(input, ct);
        return TypedResults.Created($"/api/identity/partners/{partner.Id}", partner);
    }

    private static async Task<Ok<PartnerOrganisationDto>> UpdatePartnerAsync(
        Guid id, UpdatePartnerRequest request, PartnerAdministration partners, CancellationToken ct)
        => TypedResults.Ok(await partners.UpdateAsync(id, new PartnerInput(request.ShortName, request.Name, request.Side), request.ConcurrencyStamp!.Value, ct));
}
