using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Publications.Api;

public static class PublicationsPaths
{
    public const string Api = "/api/publications";
    public const string ListPage = "/publications";
    public const string PipelinePage = "/publications/pipeline";

    public static string DetailPage(Guid id) => $"/publications/{id}";

    public static string EditPage(Guid id) => $"/publications/{id}/edit";

    public static string NewPage(Guid workspaceId) => $"/publications/new/{workspaceId}";
}

/// <summary>
/// The staff's API: one group, one permission per endpoint; acting on a publication needs being one of its authors too
/// (or <see cref="PublicationsPermissions.Manage"/>), checked by the application service.
/// </summary>
internal static class PublicationsEndpoints
{
    public static IEndpointRouteBuilder MapPublicationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(PublicationsPaths.Api).WithTags("Publications").RequireAuthorization();

        group.MapGet("", async ([AsParameters] PublicationListQuery query, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.ListAsync(query, ct)))
            .RequirePermission(PublicationsPermissions.View).WithName("ListPublications").WithSummary("A page of the consortium's publications, by state and workspace");
        group.MapGet("/{publicationId:guid}", async (Guid publicationId, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.GetAsync(publicationId, ct)))
            .RequirePermission(PublicationsPermissions.View).WithName("GetPublication").WithSummary("A publication in any state, with the reason it was withdrawn");
        group.MapPost("", CreateAsync).RequirePermission(PublicationsPermissions.Author)
            .WithName("CreatePublication").WithSummary("Starts a draft; the manuscript is a document of the workspace");
        group.MapPut("/{publicationId:guid}", async (Guid publicationId, UpdatePublicationRequest request, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.UpdateAsync(publicationId, request, ct)))
            .RequirePermission(PublicationsPermissions.Author).WithName("UpdatePublication").WithSummary("Edits a draft; 409 with the current one when it changed since it was read");
        group.MapPost("/{publicationId:guid}/submit", async (Guid publicationId, SubmitPublicationRequest request, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.SubmitAsync(publicationId, request, ct)))
            .RequirePermission(PublicationsPermissions.Author).WithName("SubmitPublication").WithSummary("Into approval by the chosen workflow; after requested changes it resumes");
        group.MapPost("/{publicationId:guid}/publish", async (Guid publicationId, PublishPublicationRequest request, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.PublishAsync(publicationId, request, ct)))
            .RequirePermission(PublicationsPermissions.Author).WithName("PublishPublication").WithSummary("Publishes an approved publication; refused, file by file, without the disclaimer or the partners' names");
        group.MapPost("/{publicationId:guid}/withdraw", async (Guid publicationId, WithdrawPublicationRequest request, PublicationLifecycle publications, CancellationToken ct)
                => TypedResults.Ok(await publications.WithdrawAsync(publicationId, request, ct)))
            .RequirePermission(PublicationsPermissions.Author).WithName("WithdrawPublication").WithSummary("Withdraws a published publication with a reason the consortium sees");

        group.MapGet("/pipeline", async (PublicationPipeline pipeline, CancellationToken ct) => TypedResults.Ok(await pipeline.ReadAsync(ct)))
            .RequirePermission(PublicationsPermissions.Manage).WithName("GetPublicationPipeline")
            .WithSummary("Every publication by state with who holds it up and since when, and the counts per partner, type, language and activity");
        group.MapGet("/pipeline/export.xlsx", async (PublicationPipeline pipeline, CancellationToken ct)
                => TypedResults.File(await pipeline.ExportXlsxAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "publications.xlsx"))
            .RequirePermission(PublicationsPermissions.Manage).WithName("ExportPublicationPipelineXlsx").WithSummary("The counts and the pipeline as a workbook");
        group.MapGet("/pipeline/export.csv", async (PublicationPipeline pipeline, CancellationToken ct)
                => TypedResults.File(await pipeline.ExportCsvAsync(ct), "text/csv; charset=utf-8", "publications.csv"))
            .RequirePermission(PublicationsPermissions.Manage).WithName("ExportPublicationPipelineCsv").WithSummary("The counts as CSV");
        return endpoints;
    }

    private static async Task<Created<PublicationDto>> CreateAsync(CreatePublicationRequest request, PublicationLifecycle publications, CancellationToken cancellationToken)
    {
        var created = await publications.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{PublicationsPaths.Api}/{created.Id}", created);
    }
}
