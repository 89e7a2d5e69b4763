using System.Net;
using Consortium.Portal.Platform.Security;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>The Platform and the host: the audit log (by permission), the API reference, and the answer to an unknown API address.</summary>
public sealed class PlatformMatrixRows : IEndpointMatrixRows
{
    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", "/api/audit-log/", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator), _ => Get("/api/audit-log?pageSize=5")),
        // The reference is a page for people: an anonymous visitor is sent to sign in (ApiDocsTests checks where to).
        MatrixRow.Http("GET", "/api/docs/{documentName?}", Expect.SignedIn.With(Caller.Anonymous, Outcome.Refused(HttpStatusCode.Redirect)),
            _ => Get("/api/docs/")),
        // The reference page's own assets (Scalar's script and icon, no data of the portal) are served to anyone.
        MatrixRow.Http("GET", "/api/docs/scalar.js", Expect.Anyone, _ => Get("/api/docs/scalar.js")),
        MatrixRow.Http("GET", "/api/docs/scalar.aspnetcore.js", Expect.Anyone, _ => Get("/api/docs/scalar.aspnetcore.js")),
        MatrixRow.Http("GET", "/api/docs/favicon.svg", Expect.Anyone, _ => Get("/api/docs/favicon.svg")),
        // Open to anyone on purpose: it only says that the address does not exist (or which methods it has).
        MatrixRow.Http("*", "/api/{**path}", Expect.Everyone(HttpStatusCode.NotFound), _ => Get("/api/no-such-address")),
    ];
}
