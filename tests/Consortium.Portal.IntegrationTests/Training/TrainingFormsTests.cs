using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Training;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Pages;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>
/// The library's forms while a save is on its way (<see cref="TrainingPortal{TDatabase}.Saves"/> holds it): what the
/// person typed or chose meanwhile stays, and a save or toggle replaces only what it sent.
/// </summary>
public abstract class TrainingFormsTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : TrainingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static MaterialDetails Details(string language)
        => new("Workshop guide " + Guid.NewGuid().ToString("N")[..8], "For the journalists' seminar.", ["rule of law"], [Audience.Media],
            language, MaterialLevel.Introductory, 90, [ConsortiumPartners.Kcss.Id], "CC BY 4.0", 10);

    private static async Task<MaterialDto> CreateLinkAsync(Person trainer, string language = "sq")
        => await (await trainer.Client.PostAsJsonAsync($"{TrainingPaths.Api}/materials",
            new CreateMaterialRequest(MaterialKind.Link, "https://example.org/" + Guid.NewGuid(), null, Details(language)), DocumentsClient.Json)).ReadAsync<MaterialDto>(HttpStatusCode.Created);

    private static async Task<CollectionDto> CreateCollectionAsync(Person trainer, params Guid[] materialIds)
        => await (await trainer.Client.PostAsJsonAsync($"{TrainingPaths.Api}/collections", new CreateCollectionRequest("Seminar pack", null, materialIds), DocumentsClient.Json))
            .ReadAsync<CollectionDto>(HttpStatusCode.Created);

    /// <summary>Through the publishing workflow: KCSS's lead approves, then the coordinator.</summary>
    private async Task PublishAsync(Person trainer, Guid materialId)
    {
        var lead = portal.NewPerson("Lirie Berisha", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Dragana Petrović", ConsortiumPartners.Bcsp, PortalRoles.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await trainer.Client.PostAsync($"{TrainingPaths.Api}/materials/{materialId}/submit", null)).StatusCode);
        foreach (var approver in new[] { lead, coordinator })
        {
            WorkflowInstanceDto instance;
            await using (var scope = portal.Scope())
            {
                instance = (await scope.ServiceProvider.GetRequiredService<IWorkflows>().FindForSubjectAsync(TrainingConsts.SubjectType, materialId))!;
            }
            var task = instance.OpenTasks.Single(t => t.AssigneeId == approver.Id);
            Assert.Equal(HttpStatusCode.OK, (await approver.Client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{task.Id}/decision",
                new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null), DocumentsClient.Json)).StatusCode);
            await portal.DeliverAsync();
        }
    }

    [Fact]
    public async Task A_title_typed_while_the_collection_is_saved_stays_on_screen_and_unsaved()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        var collection = await CreateCollectionAsync(trainer, (await CreateLinkAsync(trainer)).Material.Id);
        await using var tab = new PortalPage(portal.App, trainer.Client);
        var page = tab.Page.Render<CollectionPage>(p => p.Add(c => c.CollectionId, collection.Id));
        page.WaitForElement("#collection-edit-title");
        await page.InvokeAsync(() => page.Find("#collection-edit-title").Change("Spring seminar pack"));
        portal.Saves.Hold();
        var save = page.InvokeAsync(() => page.Find("#collection-edit-title").Closest("form")!.Submit());
        await portal.Saves.Reached;

        await page.InvokeAsync(() => page.Find("#collection-edit-title").Change("Autumn seminar pack"));
        portal.Saves.Release();
        await save;

        // Saved as sent (the heading shows what is stored); the title typed meanwhile stays, and counts as unsaved.
        page.WaitForAssertion(() => Assert.Equal("Spring seminar pack", page.Find("h1").TextContent));
        Assert.Equal("Autumn seminar pack", page.Find("#collection-edit-title").GetAttribute("value"));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
    }

    [Fact]
    public async Task Making_a_collection_public_keeps_the_description_not_saved_yet()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        var material = await CreateLinkAsync(trainer);
        await PublishAsync(trainer, material.Material.Id);
        var collection = await CreateCollectionAsync(trainer, material.Material.Id);
        await using var tab = new PortalPage(portal.App, trainer.Client);
        var page = tab.Page.Render<CollectionPage>(p => p.Add(c => c.CollectionId, collection.Id));
        page.WaitForElement("#collection-description");
        await page.InvokeAsync(() => page.Find("#collection-description").Change("Handouts for the Prizren seminar."));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Make public", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Contains("Make consortium-only", StringComparison.Ordinal)));
        Assert.Contains("Handouts for the Prizren seminar.", page.Find("#collection-description").OuterHtml);
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
    }

    [Fact]
    public async Task The_next_topic_typed_while_a_follow_is_added_stays_in_the_field()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        await using var tab = new PortalPage(portal.App, trainer.Client);
        var page = tab.Page.Render<FollowsPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        await page.InvokeAsync(() => page.Find("#follow-topic").Change("rule of law"));
        portal.Saves.Hold();
        var follow = page.InvokeAsync(() => page.Find("#follow-topic").Closest("form")!.Submit());
        await portal.Saves.Reached;

        await page.InvokeAsync(() => page.Find("#follow-topic").Change("media freedom"));
        portal.Saves.Release();
        await follow;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("li"), f => f.TextContent.Contains("rule of law", StringComparison.Ordinal)));
        Assert.Equal("media freedom", page.Find("#follow-topic").GetAttribute("value"));
    }

    [Fact]
    public async Task Another_material_chosen_while_a_translation_is_linked_stays_chosen()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        var material = await CreateLinkAsync(trainer, "sq");
        var english = await CreateLinkAsync(trainer, "en");
        var serbian = await CreateLinkAsync(trainer, "sr-Latn");
        await using var tab = new PortalPage(portal.App, trainer.Client);
        var page = tab.Page.Render<MaterialPage>(p => p.Add(c => c.MaterialId, material.Material.Id));
        page.WaitForElement("#request-message");
        var translationOf = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => translationOf.Instance.ValueChanged.InvokeAsync(english.Material.Id));
        portal.Saves.Hold();
        var link = page.InvokeAsync(() => page.Find("form[aria-label='Link a translation']").Submit());
        await portal.Saves.Reached;

        await page.InvokeAsync(() => translationOf.Instance.ValueChanged.InvokeAsync(serbian.Material.Id));
        portal.Saves.Release();
        await link;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == TrainingPaths.MaterialPage(english.Material.Id)));
        Assert.Equal(serbian.Material.Id, page.FindComponent<MudSelect<Guid?>>().Instance.GetState(s => s.Value));
    }

    [Fact]
    public async Task A_message_typed_while_a_translation_request_is_sent_stays_in_the_field()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        portal.NewPerson("Lirie Berisha", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var material = await CreateLinkAsync(trainer, "sq");
        var reader = portal.NewPerson("Jelena Marković", ConsortiumPartners.Yucom);
        await using var tab = new PortalPage(portal.App, reader.Client);
        var page = tab.Page.Render<MaterialPage>(p => p.Add(c => c.MaterialId, material.Material.Id));
        page.WaitForElement("#request-message");
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync("sr-Latn"));
        await page.InvokeAsync(() => page.Find("#request-message").Change("For the Kraljevo workshop."));
        portal.Saves.Hold();
        var request = page.InvokeAsync(() => page.Find("#request-message").Closest("form")!.Submit());
        await portal.Saves.Reached;

        await page.InvokeAsync(() => page.Find("#request-message").Change("For the Novi Sad workshop."));
        portal.Saves.Release();
        await request;

        // The language sent is cleared; the message typed for the next request stays.
        page.WaitForAssertion(() => Assert.Null(page.FindComponents<MudSelect<string>>().Single().Instance.GetState(s => s.Value)));
        Assert.Contains("For the Novi Sad workshop.", page.Find("#request-message").OuterHtml);
    }
}

public sealed class TrainingFormsTests_Sqlite(TrainingSqlitePortal portal) : TrainingFormsTests<TrainingSqlitePortal, SqlitePortal>(portal);

public sealed class TrainingFormsTests_PostgreSql(TrainingPostgreSqlPortal portal) : TrainingFormsTests<TrainingPostgreSqlPortal, PostgreSqlPortal>(portal);
