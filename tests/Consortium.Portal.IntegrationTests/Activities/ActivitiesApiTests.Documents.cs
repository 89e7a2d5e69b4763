using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Workspaces;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Activities;

public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task A_workspace_document_linked_to_an_event_shows_on_its_page_with_its_address_and_one_the_organiser_cannot_see_is_refused()
    {
        // Real users of the demo data (workspace access looks them up): the Coordinator, who keeps two workspaces, and
        // a member of AKTIV, which organises the roundtable, made an editor of the first one only.
        PortalUserDto coordinatorPerson, aktivPerson;
        await using (var scope = portal.Scope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
            coordinatorPerson = (await directory.FindUserByEmailAsync("coordinator@demo.portal"))!;
            aktivPerson = (await directory.GetPartnerStaffAsync([ConsortiumPartners.Aktiv.Id])).First(u => !u.IsDisabled && u.Roles.Contains(PortalRoles.Member));
        }
        var coordinator = portal.SignedIn(PortalRoles.Coordinator, coordinatorPerson.Id);
        var aktiv = portal.StaffOf(ConsortiumPartners.Aktiv.Id, userId: aktivPerson.Id);
        var evt = await RoundtableAsync(capacity: 20, organiser: aktiv);

        var ours = await coordinator.CreateWorkspaceAsync("Roundtables in Peja " + evt.Id.ToString("N")[..6]);
        await coordinator.AddMemberAsync(ours.Id, WorkspaceRole.Editor, userId: aktivPerson.Id);
        var minutesName = $"Roundtable minutes {evt.Id.ToString("N")[..6]}.md";
        var minutes = await aktiv.UploadOneAsync(ours.Id, minutesName, "# Minutes\n\nLocal voices on the dialogue.\n"u8.ToArray());
        var theirs = await coordinator.CreateWorkspaceAsync("Coordination drafts " + evt.Id.ToString("N")[..6]);
        var draft = await coordinator.UploadOneAsync(theirs.Id, "Internal draft.md", "# Not for AKTIV\n"u8.ToArray());
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
