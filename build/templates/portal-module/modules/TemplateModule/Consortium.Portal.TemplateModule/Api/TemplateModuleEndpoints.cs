using Consortium.Portal.Platform.Security;
using Consortium.Portal.TemplateModule.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.TemplateModule.Api;

public static class TemplateModulePaths
{
    public const string Api = "/api/templatemodule";
    public const string Page = "/templatemodule";
}

/// <summary>
/// The module's API: one group, one permission per endpoint. Handlers only call the application service: bodies are
/// validated by the Platform's filter and refusals become problem details in the Platform's one mapping.
/// </summary>
internal static class TemplateModuleEndpoints
{
    public static IEndpointRouteBuilder MapTemplateModuleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(TemplateModulePaths.Api).WithTags("TemplateModule").RequireAuthorization();

        group.MapGet("/items", ListAsync).RequirePermission(TemplateModulePermissions.Items.View)
            .WithName("ListTemplateModuleItems").WithSummary("Every item, by name");
        group.MapPost("/items", CreateAsync).RequirePermission(TemplateModulePermissions.Items.Manage)
            .WithName("CreateTemplateModuleItem").WithSummary("Adds an item");
        group.MapPut("/items/{itemId:guid}", RenameAsync).RequirePermission(TemplateModulePermissions.Items.Manage)
            .WithName("RenameTemplateModuleItem").WithSummary("Renames an item; 409 with the current item when it changed since it was read");
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<TemplateModuleItemDto>>> ListAsync(TemplateModuleItems items, CancellationToken cancellationToken)
        => TypedResults.Ok(await items.ListAsync(cancellationToken));

    private static async Task<Created<TemplateModuleItemDto>> CreateAsync(
        CreateTemplateModuleItemRequest request, TemplateModuleItems items, CancellationToken cancellationToken)
    {
        var created = await items.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{TemplateModulePaths.Api}/items/{created.Id}", created);
    }

    private static async Task<Ok<TemplateModuleItemDto>> RenameAsync(
        Guid itemId, RenameTemplateModuleItemRequest request, TemplateModuleItems items, CancellationToken cancellationToken)
        => TypedResults.Ok(await items.RenameAsync(itemId, request, cancellationToken));
}
