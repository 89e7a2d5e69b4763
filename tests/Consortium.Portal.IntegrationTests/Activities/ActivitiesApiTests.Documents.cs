using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Activities;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Activities;

public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task A_workspace_document_linked_to_an_event_shows_on_its_page_with_its_address_and_one_the_organiser_cannot_see_is_refused()
    {
        // Real users of the demo data (workspace access looks them up): staff of AKTIV, which organises the roundtable,
        // and of BCSP, whose workspace AKTIV's staff are not members of.
        PortalUserDto aktivPerson, bcspPerson;
        await using (var scope = portal.Scope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
            aktivPerson = (await directory.GetPartnerStaffAsync([ConsortiumPartners.Aktiv.Id])).First(u => !u.IsDisabled && u.Roles.Contains(PortalRoles.Member));
            bcspPerson = (await directory.GetPartnerStaffAsync([ConsortiumPartners.Bcsp.Id])).First(u => !u.IsDisabled && u.Roles.Contains(PortalRoles.Member));
        }
        var aktiv = portal.StaffOf(ConsortiumPartners.Aktiv.Id, userId: aktivPerson.Id);
        var bcsp = portal.StaffOf(ConsortiumPartners.Bcsp.Id, userId: bcspPerson.Id);
        var evt = await RoundtableAsync(capacity: 20, organiser: aktiv);

        var ours = await aktiv.CreateWorkspaceAsync("Roundtables in Peja " + evt.Id.ToString("N")[..6]);
        var minutesName = $"Roundtable minutes {evt.Id.ToString("N")[..6]}.md";
        var minutes = await aktiv.UploadOneAsync(ours.Id, minutesName, "# Minutes\n\nLocal voices on the dialogue.\n"u8.ToArray());
        var theirs = await bcsp.CreateWorkspaceAsync("BCSP drafts " + evt.Id.ToString("N")[..6]);
        var draft = await bcsp.UploadOneAsync(theirs.Id, "Internal draft.md", "# Not for AKTIV\n"u8.ToArray());
        var resources = $"{Api}/events/{evt.Id}/resources";

        // The organiser's own document: linked, with the document's page as its address.
        var linked = await (await aktiv.PostAsJsonAsync(resources, new AddEventResourceRequest(EventResourceKind.Document, minutes), DocumentsClient.Json))
            .ReadAsync<EventResourceDto>(HttpStatusCode.Created);
        Assert.Equal((minutesName, $"/documents/{minutes}"), (linked.Title, linked.Link));

        // A document of a workspace the organiser cannot see is refused by field, and nothing is linked.
        var refused = await aktiv.PostAsJsonAsync(resources, new AddEventResourceRequest(EventResourceKind.Document, draft), DocumentsClient.Json);
        Assert.Equal(["targetId"], await refused.FieldErrorsAsync());
        var shown = await (await aktiv.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal([minutes], shown.Resources!.Where(r => r.Kind == EventResourceKind.Document).Select(r => r.TargetId));

        // The event's page (rendered on the server first) names the document and links to its page.
        var html = System.Net.WebUtility.HtmlDecode(await (await aktiv.GetAsync(ActivitiesPaths.EventPage(evt.Id))).Content.ReadAsStringAsync());
        Assert.Contains(minutesName, html);
        Assert.Contains($"href=\"/documents/{minutes}\"", html);
        Assert.DoesNotContain("Internal draft.md", html);
    }
}
