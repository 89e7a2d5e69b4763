using System.Net;
using Bunit;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Components;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>
/// What an organiser chooses or types while a save of the event page is on its way stays: a save's completion empties
/// only what it sent, and an answer overtaken by a later question does not pass for its answer.
/// </summary>
public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    private async Task<IReadOnlyList<Consortium.Portal.Training.Domain.TrainingMaterial>> MaterialsAsync(Guid eventId, params string[] titles)
    {
        var materials = titles.Select(t => LinkMaterial(t + " " + eventId.ToString("N")[..6])).ToList();
        await using var scope = portal.Scope();
        var training = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
        training.Materials.AddRange(materials);
        await training.SaveChangesAsync();
        return materials;
    }

    private static TrainingItemRefDto RefOf(Consortium.Portal.Training.Domain.TrainingMaterial material)
        => new(material.Id, TrainingItemKind.Material, material.Title, material.Language, TrainingPathsMaterial(material.Id));

    [Fact]
    public async Task The_next_material_chosen_while_a_material_is_added_stays_chosen()
    {
        var evt = await RoundtableAsync(capacity: 10);
        var materials = await MaterialsAsync(evt.Id, "Reporting fairly", "Naming places");
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var section = tab.Page.Render<EventResourcesSection>(p => p.Add(c => c.Event, evt).Add(c => c.IsOrganiser, true));
        var picker = section.FindComponent<MudAutocomplete<TrainingItemRefDto>>();
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(RefOf(materials[0])));

        var held = portal.Saves.HoldNext(evt.Id);
        var adding = section.FindAll("form")[0].SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(RefOf(materials[1])));
        held.Released.SetResult();
        await adding;

        Assert.Contains(materials[0].Id, (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Resources!.Select(r => r.TargetId));
        // The picker writes a material with its language: "Naming places … (en)".
        Assert.StartsWith(materials[1].Title, picker.Find("input").GetAttribute("value"));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
    }

    [Fact]
    public async Task The_next_document_chosen_while_a_document_is_added_stays_chosen()
    {
        var evt = await RoundtableAsync(capacity: 10);
        PortalUserDto coordinatorPerson;
        await using (var scope = portal.Scope())
        {
            coordinatorPerson = (await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindUserByEmailAsync(DemoUsers.Coordinator))!;
        }
        var coordinator = portal.SignedIn(PortalRoles.Coordinator, coordinatorPerson.Id);
        var workspace = await coordinator.CreateWorkspaceAsync("Roundtable papers " + evt.Id.ToString("N")[..6]);
        var minutes = await coordinator.UploadOneAsync(workspace.Id, "Minutes.md", "# Minutes\n"u8.ToArray());
        var agenda = await coordinator.UploadOneAsync(workspace.Id, "Agenda.md", "# Agenda\n"u8.ToArray());
        await using var tab = new PortalPage(portal.App, coordinator);
        var section = tab.Page.Render<EventResourcesSection>(p => p.Add(c => c.Event, evt).Add(c => c.IsOrganiser, true));
        var workspacePicker = section.FindComponent<MudSelect<Guid?>>();
        await section.InvokeAsync(() => workspacePicker.Instance.ValueChanged.InvokeAsync(workspace.Id));
        var picker = section.FindComponent<MudAutocomplete<DocumentFileSummaryDto>>();
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new DocumentFileSummaryDto(minutes, "Minutes.md", DocumentFileType.Markdown, 1)));

        var held = portal.Saves.HoldNext(evt.Id);
        var adding = section.FindAll("form")[1].SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new DocumentFileSummaryDto(agenda, "Agenda.md", DocumentFileType.Markdown, 1)));
        held.Released.SetResult();
        await adding;

        Assert.Contains(minutes, (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Resources!.Select(r => r.TargetId));
        Assert.Equal("Agenda.md", picker.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task The_next_photo_s_consent_typed_while_a_photo_is_kept_stays_in_its_field()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var section = tab.Page.Render<EventResourcesSection>(p => p.Add(c => c.Event, evt).Add(c => c.IsOrganiser, true));
        var consent = () => section.FindComponents<MudTextField<string>>().Single();
        await section.InvokeAsync(() => consent().Find("input").Change("Signed forms kept by AKTIV"));

        var held = portal.Saves.HoldNext(evt.Id);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        IElement AddPhoto() => section.FindAll("button").Single(b => b.TextContent.Contains("Add photo"));
        // Chosen through the upload's own callback: bUnit's UploadFiles waits for the handler, which waits for the held save.
        var upload = section.FindComponent<MudFileUpload<IBrowserFile>>();
        var uploading = section.InvokeAsync(() => upload.Instance.FilesChanged.InvokeAsync(new PhotoFile("roundtable.png", png)));
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await section.InvokeAsync(() => consent().Find("input").Change("Consent given aloud, noted by BCSP"));
        held.Released.SetResult();
        await uploading;

        await Eventually.TrueAsync(async () => (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>())
            .Photos!.Any(p => p.ConsentNote == "Signed forms kept by AKTIV"), "the photo to be kept with the consent sent");
        // Kept once the add button, disabled while the photo was on its way, is enabled again.
        section.WaitForAssertion(() => Assert.False(AddPhoto().HasAttribute("disabled")));
        Assert.Equal("Consent given aloud, noted by BCSP", consent().Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task An_erasure_tells_the_address_it_erased_even_when_another_was_typed_while_it_ran()
    {
        var evt = await RoundtableAsync(capacity: 10);
        var visitor = portal.Anonymous();
        await (await RegisterAsync(visitor, evt.Id, Person("erase.me@example.org", await FormTokenAsync(visitor, evt.Id)))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await using var tab = new PortalPage(portal.App, Coordinator);
        var reports = tab.Page.Render<ReportsTab>(p => p.Add(c => c.CanManageRegistrants, true));
        var email = reports.FindComponents<MudTextField<string>>().Single(f => f.Find("input").GetAttribute("type") == "email");
        await reports.InvokeAsync(() => email.Find("input").Input("erase.me@example.org"));

        var held = portal.Saves.HoldNext(evt.Id);
        var erasing = reports.FindAll("button").Single(b => b.TextContent.Contains("Erase")).ClickAsync(new());
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await reports.InvokeAsync(() => email.Find("input").Input("someone.else@example.org"));
        held.Released.SetResult();
        await erasing;

        reports.WaitForAssertion(() => Assert.Contains("erase.me@example.org", reports.Find("[data-test=registrants-erased]").TextContent));
    }

    [Fact]
    public async Task An_erasure_overtaken_by_a_later_question_is_told_apart_and_does_not_answer_it()
    {
        var evt = await RoundtableAsync(capacity: 10);
        var visitor = portal.Anonymous();
        await (await RegisterAsync(visitor, evt.Id, Person("overtaken@example.org", await FormTokenAsync(visitor, evt.Id)))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await using var tab = new PortalPage(portal.App, Coordinator);
        var reports = tab.Page.Render<ReportsTab>(p => p.Add(c => c.CanManageRegistrants, true));
        var email = reports.FindComponents<MudTextField<string>>().Single(f => f.Find("input").GetAttribute("type") == "email");
        await reports.InvokeAsync(() => email.Find("input").Input("overtaken@example.org"));

        var held = portal.Saves.HoldNext(evt.Id);
        var erasing = reports.FindAll("button").Single(b => b.TextContent.Contains("Erase")).ClickAsync(new());
        var snackbars = tab.Page.Services.GetRequiredService<ISnackbar>();
        try
        {
            await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Asked again meanwhile: show the data of no address (refused at once, by its field, with nothing written).
            await reports.InvokeAsync(() => email.Find("input").Input(" "));
            await reports.Find("form").SubmitAsync();
            reports.WaitForAssertion(() => Assert.Contains("mud-input-error", email.Markup));
        }
        finally
        {
            // The held erasure keeps its transaction open: let it go whatever happened, or the next test's saves wait.
            held.Released.TrySetResult();
        }
        await erasing;

        // The erasure is done and told, naming its address, but not in place of the later question's answer.
        await Eventually.TrueAsync(() => snackbars.ShownSnackbars.Any(s => s.Message?.Contains("overtaken@example.org") == true), "the erasure to be told");
        Assert.Empty(reports.FindAll("[data-test=registrants-erased]"));
        Assert.Contains("mud-input-error", email.Markup);
    }

    /// <summary>A photo as the browser hands it over.</summary>
    private sealed class PhotoFile(string name, byte[] content) : IBrowserFile
    {
        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => content.Length;

        public string ContentType => "image/png";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => new MemoryStream(content);
    }
}
