using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Documents.Notifications;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Workspaces;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

[assembly: DeclaresModule(typeof(Consortium.Portal.Documents.DocumentsModule))]

namespace Consortium.Portal.Documents;

/// <summary>Folders and versioned documents of workspaces, previews, locks, reviews, comments, suggested edits and diffs.</summary>
public sealed class DocumentsModule : PortalModule
{
    public override string Name => DocumentsModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName, IdentityModuleName.Value, NotificationsModuleName.Value, WorkspacesModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(DocumentsResource), typeof(DocumentsModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        var section = context.Configuration.GetSection(DocumentsOptions.Section);
        var settings = section.Get<DocumentsOptions>() ?? new DocumentsOptions();
        var problems = settings.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        services.AddOptions<DocumentsOptions>().Bind(section);

        services.AddModuleDbContext<DocumentsDbContext>();
        services.AddScoped<DocumentAccess>();
        services.AddScoped<MemberNames>();
        services.AddScoped<DocumentLibrary>();
        services.AddScoped<UploadRequestBody>();
        services.AddScoped<DocumentVersionRecorder>();
        services.AddScoped<DocumentDownloads>();
        services.AddScoped<DocumentVersionEvents>();
        services.AddScoped<DocumentFollowers>();
        services.AddScoped<VersionTexts>();
        services.AddScoped<VersionTextQueue>();
        services.AddScoped<RecycleBin>();
        services.AddScoped<DocumentPurge>();
        services.AddScoped<DocumentViews>();
        services.AddScoped<DocumentReviews>();
        services.AddScoped<DocumentComments>();
        services.AddScoped<DocumentSuggestions>();
        services.AddScoped<IDocumentFiles, DocumentFiles>();
        services.AddScoped<IDocumentStorage, DocumentStorage>();
        services.AddSingleton<IDocumentUploadLimits, DocumentUploadLimits>();
        services.AddSingleton<DocumentListCache>();
        // Cached pages of document lists must not outlive a saved change to the workspace's documents.
        services.InvalidateCacheOnSave<Document>(d => DocumentListCache.Tag(d.WorkspaceId));
        services.AddSingleton<IWorkspaceTabProvider, Components.DocumentsWorkspaceTab>();
        services.AddLiveTopic<DocumentLiveTopic>();
        services.AddScoped<DocumentsHome>();
        services.AddSingleton<Platform.Home.IHomeSectionProvider, Components.Home.DocumentsHomeSections>();

        foreach (var type in DocumentNotificationTypes.All)
        {
            services.AddNotificationType(type);
        }
        services.AddNotificationRule<ReviewRequested, DocumentNotificationRules>();
        services.AddNotificationRule<ReviewAnswered, DocumentNotificationRules>();
        services.AddNotificationRule<ReviewDueSoon, DocumentNotificationRules>();
        services.AddNotificationRule<DocumentCommentAdded, DocumentNotificationRules>();
        services.AddNotificationRule<DocumentMemberMentioned, DocumentNotificationRules>();
        services.AddNotificationRule<FollowedDocumentChanged, DocumentNotificationRules>();

        services.AddRecurringJob<OrphanBlobCleanupJob>(OrphanBlobCleanupJob.JobId, Cron.Hourly(17));
        services.AddRecurringJob<RecycleBinPurgeJob>(RecycleBinPurgeJob.JobId, Cron.Daily(2, 30));
        services.AddRecurringJob<VersionTextExtractionJob>(VersionTextExtractionJob.JobId, "*/10 * * * *");
        services.AddRecurringJob<ReviewReminderJob>(ReviewReminderJob.JobId, Cron.Hourly(5));
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureDocumentsModule();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapDocumentsEndpoints();
}

/// <summary>Marker type of the Documents module's localization resource.</summary>
public sealed class DocumentsResource;
