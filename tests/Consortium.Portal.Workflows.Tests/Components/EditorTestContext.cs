using System.Security.Claims;
using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Workflows.Tests.Components;

/// <summary>
/// A bUnit context for the definition editor: MudBlazor, a signed-in coordinator, texts shown as their keys, one
/// registered subject type (fields "type" and "activity"), the engine's assignee kinds, and the module's real
/// definitions service and validator. Without <c>withDatabase</c> its database is never opened (those tests publish only
/// what is refused); with it, an SQLite database in memory lives as long as the context, and its saves can be held
/// (<see cref="Saves"/>).
/// </summary>
public sealed class EditorTestContext : IAsyncDisposable
{
    public const string SubjectTypeName = "tests.report";

    public BunitContext Page { get; } = new();

    private readonly Microsoft.Data.Sqlite.SqliteConnection? _database;

    /// <summary>The module's saves, held while a test does what a coordinator can do during one.</summary>
    internal HeldSaves Saves { get; } = new();

    public EditorTestContext(bool withDatabase = false, bool mayManage = false)
    {
        var services = Page.Services;
        services.AddPortalComponentBasics(SignedInUser.Coordinator);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IUserDirectory, NoUsers>();
        if (withDatabase)
        {
            _database = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            _database.Open();
            services.AddDbContext<WorkflowsDbContext>(o => o.UseSqlite(_database).AddInterceptors(Saves));
        }
        else
        {
            services.AddDbContext<WorkflowsDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        }
        services.AddSingleton<IPermissionChecker>(new Grants(mayManage));
        services.AddScoped<IWorkflowSubjectType, Reports>();
        foreach (var kind in new[] { AssigneeKinds.Role, AssigneeKinds.AuthoringPartnerLeads, AssigneeKinds.PartnerLeads, AssigneeKinds.Users, AssigneeKinds.WorkspaceReviewers, AssigneeKinds.Authors })
        {
            services.AddScoped<IWorkflowAssigneeResolver>(_ => new KindOnly(kind));
        }
        services.AddScoped<IValidator<PublishWorkflowDefinitionRequest>, PublishWorkflowDefinitionValidator>();
        services.AddScoped<PeopleInRole>();
        services.AddScoped<WorkflowContextReader>();
        services.AddScoped<WorkflowDefinitions>();
        services.AddScoped<WorkflowDefinitionDrafts>();
        services.AddScoped<IValidator<SaveWorkflowDraftRequest>, SaveWorkflowDraftValidator>();
        services.AddScoped<WorkflowSubjectTypes>();
        Page.JSInterop.Mode = JSRuntimeMode.Loose;
        if (_database is not null)
        {
            using var scope = Page.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Database.EnsureCreated();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The coordinator may view definitions and, when <paramref name="mayManage"/>, publish them (the editor and the JSON tab).</summary>
    private sealed class Grants(bool mayManage) : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
            => Task.FromResult(permission == WorkflowsPermissions.Definitions.View || (mayManage && permission == WorkflowsPermissions.Definitions.Manage));
    }

    private sealed class Reports : IWorkflowSubjectType
    {
        public string Name => SubjectTypeName;
        public Type LocalizationResource => typeof(WorkflowsResource);
        public string DisplayNameKey => "Tests.Report";
        public IReadOnlyList<string> ConditionFields => ["type", "activity"];
        // The type has a fixed set of values; the activity takes any text.
        public IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> ConditionValues { get; } = new Dictionary<string, IReadOnlyList<WorkflowFieldValue>>
        {
            ["type"] = [new("OpEd", "Tests.Type.OpEd"), new("ResearchReport", "Tests.Type.ResearchReport")],
        };
        public Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default) => Task.FromResult<WorkflowSubject?>(null);
    }

    private sealed class KindOnly(string kind) : IWorkflowAssigneeResolver
    {
        public string Kind => kind;
        public Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<Guid>>([]);
    }

    private sealed class NoUsers : IUserDirectory
    {
        public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default) => Task.FromResult<PortalUserDto?>(null);
        public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) => Task.FromResult<PortalUserDto?>(null);
        public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);
        public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);
        public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);
        public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);
        public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([]);
    }
}
