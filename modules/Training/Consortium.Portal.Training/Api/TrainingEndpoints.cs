using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Training.Api;

public static class TrainingPaths
{
    public const string Api = "/api/training";
    public const string Page = "/training";
    public const string CollectionsPage = "/training/collections";
    public const string FollowsPage = "/training/follows";
    public const string NewMaterialPage = "/training/materials/new";

    public static string EditMaterialPage(Guid id) => $"/training/materials/{id}/edit";

    public static string MaterialPage(Guid id) => $"/training/materials/{id}";

    public static string CollectionPage(Guid id) => $"/training/collections/{id}";

    public static string MaterialFile(Guid id) => $"{Api}/materials/{id}/file";

    public static string CollectionZip(Guid id) => $"{Api}/collections/{id}/download";
}

/// <summary>
/// The module's API: one group, one permission per endpoint; changing a material or collection needs being one of its
/// authors too (or <see cref="TrainingPermissions.Materials.Manage"/>), checked by the application services.
/// </summary>
internal static class TrainingEndpoints
{
    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(TrainingPaths.Api).WithTags("Training").RequireAuthorization();
        const string view = TrainingPermissions.Materials.View;
        const string author = TrainingPermissions.Materials.Author;

        group.MapGet("/materials", async ([AsParameters] MaterialListQuery query, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.ListAsync(query, ct)))
            .RequirePermission(view).WithName("ListTrainingMaterials").WithSummary("A page of materials by topic, audience, language, partner and activity; newest or most used first");
        group.MapGet("/materials/{materialId:guid}", async (Guid materialId, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.GetAsync(materialId, ct)))
            .RequirePermission(view).WithName("GetTrainingMaterial").WithSummary("A material with its preview, versions, translations, downloads per month and collections");
        group.MapPost("/materials", CreateMaterialAsync).RequirePermission(author)
            .WithName("CreateTrainingMaterial").WithSummary("A new material, consortium-only; a file material's file follows with PUT …/file");
        group.MapPut("/materials/{materialId:guid}", async (Guid materialId, UpdateMaterialRequest request, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.UpdateAsync(materialId, request, ct)))
            .RequirePermission(author).WithName("UpdateTrainingMaterial").WithSummary("Edits a material; 409 with the current one when it changed since it was read");
        group.MapPut("/materials/{materialId:guid}/file", UploadFileAsync).RequirePermission(author)
            .WithName("UploadTrainingMaterialFile").WithSummary("The file as the raw body, named by Content-Disposition; checked and kept as a workspace document, each upload a new version");
        group.MapGet("/materials/{materialId:guid}/file", DownloadAsync).RequirePermission(view)
            .WithName("DownloadTrainingMaterialFile").WithSummary("The latest version of the file, counted in its month");
        group.MapPost("/materials/{materialId:guid}/translations", async (Guid materialId, LinkTranslationRequest request, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.LinkTranslationAsync(materialId, request, ct)))
            .RequirePermission(author).WithName("LinkTrainingTranslation").WithSummary("Joins another material's translation group; same language or a cycle is refused");
        group.MapDelete("/materials/{materialId:guid}/translations", async (Guid materialId, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.UnlinkTranslationAsync(materialId, ct)))
            .RequirePermission(author).WithName("UnlinkTrainingTranslation").WithSummary("Takes the material out of its translation group");
        group.MapPost("/materials/{materialId:guid}/translation-requests", async (Guid materialId, RequestTranslationRequest request, TrainingMaterials materials, CancellationToken ct) =>
            {
                await materials.RequestTranslationAsync(materialId, request, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(view).WithName("RequestTrainingTranslation").WithSummary("Asks the authoring partners' leads for the material in another language");
        group.MapPost("/materials/{materialId:guid}/submit", async (Guid materialId, TrainingMaterials materials, CancellationToken ct)
                => TypedResults.Ok(await materials.SubmitAsync(materialId, ct)))
            .RequirePermission(author).WithName("SubmitTrainingMaterial").WithSummary("Into the publishing workflow; public once it completes");

        group.MapGet("/collections", async (TrainingCollections collections, CancellationToken ct) => TypedResults.Ok(await collections.ListAsync(ct)))
            .RequirePermission(view).WithName("ListTrainingCollections").WithSummary("Every collection, by title");
        group.MapGet("/collections/{collectionId:guid}", async (Guid collectionId, TrainingCollections collections, CancellationToken ct)
                => TypedResults.Ok(await collections.GetAsync(collectionId, ct)))
            .RequirePermission(view).WithName("GetTrainingCollection").WithSummary("A collection with its materials in order");
        group.MapPost("/collections", CreateCollectionAsync).RequirePermission(author)
            .WithName("CreateTrainingCollection").WithSummary("A new collection of materials the caller can see");
        group.MapPut("/collections/{collectionId:guid}", async (Guid collectionId, UpdateCollectionRequest request, TrainingCollections collections, CancellationToken ct)
                => TypedResults.Ok(await collections.UpdateAsync(collectionId, request, ct)))
            .RequirePermission(author).WithName("UpdateTrainingCollection").WithSummary("Its title, description and materials in order (a reorder); 409 when stale");
        group.MapPut("/collections/{collectionId:guid}/public", async (Guid collectionId, SetCollectionPublicRequest request, TrainingCollections collections, CancellationToken ct)
                => TypedResults.Ok(await collections.SetPublicAsync(collectionId, request, ct)))
            .RequirePermission(author).WithName("SetTrainingCollectionPublic").WithSummary("Public only when every material in it is");
        group.MapGet("/collections/{collectionId:guid}/download", async (Guid collectionId, TrainingCollections collections, HttpContext context, CancellationToken ct) =>
            {
                var (name, write) = await collections.ZipAsync(collectionId, publicOnly: false, ct);
                return Results.Stream(output => write(output, context.RequestAborted), "application/zip", name);
            })
            .RequirePermission(view).WithName("DownloadTrainingCollection").WithSummary("The collection's files in order as one zip");

        group.MapGet("/follows", async (TrainingFollows follows, CancellationToken ct) => TypedResults.Ok(await follows.ListAsync(ct)))
            .RequirePermission(view).WithName("ListTrainingFollows").WithSummary("The topics, audiences and languages the caller follows");
        group.MapPost("/follows", async (FollowRequest request, TrainingFollows follows, CancellationToken ct) => TypedResults.Ok(await follows.FollowAsync(request, ct)))
            .RequirePermission(view).WithName("FollowTraining").WithSummary("Follows a topic, audience or language; following twice is one follow");
        group.MapDelete("/follows/{followId:guid}", async (Guid followId, TrainingFollows follows, CancellationToken ct) =>
            {
                await follows.UnfollowAsync(followId, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(view).WithName("UnfollowTraining").WithSummary("Stops following");
        return endpoints;
    }

    private static async Task<Created<MaterialDto>> CreateMaterialAsync(CreateMaterialRequest request, TrainingMaterials materials, CancellationToken cancellationToken)
    {
        var created = await materials.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{TrainingPaths.Api}/materials/{created.Material.Id}", created);
    }

    private static async Task<Created<CollectionDto>> CreateCollectionAsync(CreateCollectionRequest request, TrainingCollections collections, CancellationToken cancellationToken)
    {
        var created = await collections.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{TrainingPaths.Api}/collections/{created.Id}", created);
    }

    private static async Task<Ok<MaterialDto>> UploadFileAsync(Guid materialId, HttpRequest request, TrainingMaterials materials, CancellationToken cancellationToken)
    {
        string? name = null;
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }
        // A body announcing more than the Documents module's limit is refused before it is read; one that announces no
        // length is held to that limit while it streams, so the server's own 30 MB, which would cut it short, is lifted.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }
        return TypedResults.Ok(await materials.UploadFileAsync(materialId, name, request.Body, request.ContentLength, cancellationToken));
    }

    private static async Task<IResult> DownloadAsync(Guid materialId, HttpContext context, TrainingMaterials materials, CancellationToken cancellationToken)
    {
        var content = await materials.OpenFileAsync(materialId, cancellationToken)
                      ?? throw new EntityNotFoundException("TrainingMaterialFile", materialId);
        context.Response.RegisterForDisposeAsync(content);
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.File(content.Content, content.Version.ContentType, content.DownloadName, enableRangeProcessing: true);
    }
}
