using Consortium.Portal.Platform;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Home;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// A module that exists only in the host's tests: endpoints that fail in each way the host must answer for, a JSON
/// endpoint for malformed bodies, a protected endpoint, the test sign-in, and navigation items behind a permission
/// and a role.
/// </summary>
internal sealed class ProbeModule : PortalModule
{
    public const string SecretMessage = "database password is hunter2";

    private static int _seatRequestsHandled;

    /// <summary>How often the seats endpoint's handler ran: a refused request must not reach it.</summary>
    public static int SeatRequestsHandled => Volatile.Read(ref _seatRequestsHandled);

    public override string Name => "HostProbe";

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Probe.Open", "/probe/open", "probe-open-icon", typeof(ProbeResource), Order: 10),
        new("Probe.People", "/probe/people", "probe-people-icon", typeof(ProbeResource), Order: 20, Permission: IdentityPermissions.Users.View),
        new("Probe.Admin", "/probe/admin", "probe-admin-icon", typeof(ProbeResource), Order: 30, Role: PortalRoles.Administrator),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/test/sign-in", async (HttpContext context, [FromQuery] Guid id, [FromQuery] string name, [FromQuery] string displayName,
                [FromQuery] string[]? role, [FromQuery] string? culture, [FromQuery] string? tz) =>
            {
                await TestSignIn.SignInAsync(context, id, name, displayName, role ?? [], culture, tz);
                return TypedResults.NoContent();
            })
            .AllowAnonymous();

        endpoints.MapPost("/api/probe/echo", (ProbeMessage message) => TypedResults.Ok(message)).AllowAnonymous();
        endpoints.MapPost("/api/probe/seats", (ProbeSeatRequest request) =>
            {
                Interlocked.Increment(ref _seatRequestsHandled);
                return TypedResults.Ok(request);
            }).AllowAnonymous();
        endpoints.MapGet("/api/probe/secret", () => TypedResults.Ok("secret")).RequireAuthorization();
        endpoints.MapGet("/api/probe/people", () => TypedResults.Ok("people")).RequirePermission(IdentityPermissions.Users.View);
        endpoints.MapGet("/api/probe/throw/{kind}", (string kind) => Throw(kind)).AllowAnonymous();
        endpoints.MapGet("/probe/page-throws/{kind}", (string kind) => Throw(kind)).AllowAnonymous();
    }

    private static IResult Throw(string kind) => throw (kind switch
    {
        "domain-rule" => new DomainRuleException("Culture.Unsupported", typeof(PlatformResource), "tlh", "en"),
        "domain-rule-422" => new UnprocessableRule(),
        "not-found" => new EntityNotFoundException("Document", 42),
        "forbidden" => new ForbiddenException("only the owner may delete it"),
        "concurrency" => new ConcurrencyConflictException("Document", 42),
        "concurrency-with-state" => new ConcurrencyConflictException("Document", 42, new ProbeMessage("as it is now", 7)),
        "db-concurrency" => new DbUpdateConcurrencyException("stale"),
        "blob-name" => new InvalidBlobNameException("../etc/passwd", "the name has a '..' segment"),
        "blob-exists" => new BlobAlreadyExistsException("documents", "2026/11/x"),
        "blob-condition" => new BlobConditionFailedException("documents", "2026/11/x"),
        "blob-unavailable" => new BlobStorageUnavailableException("timeout"),
        _ => new InvalidOperationException(SecretMessage),
    });

    private sealed class UnprocessableRule() : DomainRuleException("Problem.Conflict.Detail", typeof(PlatformResource))
    {
        public override int StatusCode => StatusCodes.Status422UnprocessableEntity;
    }
}

/// <summary>Home sections out of order, one behind a permission.</summary>
internal sealed class ProbeHomeSections : IHomeSectionProvider
{
    public IEnumerable<HomeSection> GetSections() =>
    [
        new("Probe.Home.Recent", typeof(ProbeResource), typeof(ProbeRecentSection), Order: 300),
        new("Probe.Home.Waiting", typeof(ProbeResource), typeof(ProbeWaitingSection), Order: 100),
        new("Probe.Home.People", typeof(ProbeResource), typeof(ProbeRecentSection), Order: 200, RequiredPermission: IdentityPermissions.Users.View),
    ];
}

internal sealed class ProbeWaitingSection : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "probe-waiting-items");
}

internal sealed class ProbeRecentSection : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "probe-recent-items");
}

/// <summary>A resource no module declares: its titles fall back to their keys.</summary>
internal sealed class ProbeResource;

public sealed record ProbeMessage(string Text, int Count);

/// <summary>A body with a validator of its own: the Platform's filter checks it before the handler runs.</summary>
public sealed record ProbeSeatRequest(string? Name, int Seats);

internal sealed class ProbeSeatRequestValidator : AbstractValidator<ProbeSeatRequest>
{
    public ProbeSeatRequestValidator(IStringLocalizer<PlatformResource> text)
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage(_ => text["Validation:TooLong", 0]);
        RuleFor(r => r.Seats).InclusiveBetween(1, 10).WithMessage(_ => text["Validation:PageSize", 10]);
    }
}
