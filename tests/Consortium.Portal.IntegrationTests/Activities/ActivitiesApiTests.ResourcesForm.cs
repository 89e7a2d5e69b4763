using Bunit;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Components;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Activities;

public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task The_event_resources_pickers_ask_before_leaving_while_they_hold_what_is_not_added_yet()
    {
        var evt = await RoundtableAsync(capacity: 10);
        var material = LinkMaterial("Reporting fairly " + evt.Id.ToString("N")[..6]);
        await using (var scope = portal.Scope())
        {
            var training = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
            training.Materials.Add(material);
            await training.SaveChangesAsync();
        }
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var section = tab.Page.Render<EventResourcesSection>(p => p.Add(c => c.Event, evt).Add(c => c.IsOrganiser, true));

        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        // A material picked but not added yet.
        var picker = section.FindComponent<MudAutocomplete<TrainingItemRefDto>>();
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(
            new TrainingItemRefDto(material.Id, TrainingItemKind.Material, material.Title, material.Language, TrainingPathsMaterial(material.Id))));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        await section.Find("form").SubmitAsync();
        await Eventually.TrueAsync(async () => (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>())
            .Resources!.Any(r => r.TargetId == material.Id), "the material to be on the event");
        section.WaitForAssertion(() => Assert.False(tab.Page.BrowserAsksBeforeLeaving()));
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        // A photo's consent typed, the photo not chosen yet.
        var consent = section.FindComponents<MudTextField<string>>().Single().Find("input");
        await section.InvokeAsync(() => consent.Change("Signed forms kept by AKTIV"));
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }

    [Fact]
    public async Task The_event_resources_section_stays_guarded_while_a_material_s_add_is_on_its_way_and_is_released_once_added()
    {
        var evt = await RoundtableAsync(capacity: 10);
        var material = LinkMaterial("Reporting fairly " + evt.Id.ToString("N")[..6]);
        await using (var scope = portal.Scope())
        {
            var training = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
            training.Materials.Add(material);
            await training.SaveChangesAsync();
        }
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var section = tab.Page.Render<EventResourcesSection>(p => p.Add(c => c.Event, evt).Add(c => c.IsOrganiser, true));
        var picker = section.FindComponent<MudAutocomplete<TrainingItemRefDto>>();
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(
            new TrainingItemRefDto(material.Id, TrainingItemKind.Material, material.Title, material.Language, TrainingPathsMaterial(material.Id))));

        var held = portal.Saves.HoldNext(evt.Id);
        var adding = section.Find("form").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The picker emptied while the add is on its way: it holds nothing, but the material is not on the event yet.
        await section.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(null));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        held.Released.SetResult();
        await adding;
        Assert.Contains(material.Id, (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Resources!.Select(r => r.TargetId));
        section.WaitForAssertion(() => Assert.False(tab.Page.BrowserAsksBeforeLeaving()));
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }

    /// <summary>A link material of Training, stored as it is (the API would want a trainer of its authoring partner).</summary>
    private static Consortium.Portal.Training.Domain.TrainingMaterial LinkMaterial(string title)
        => Consortium.Portal.Training.Domain.TrainingMaterial.Add(MaterialKind.Link,
            Consortium.Portal.Training.Application.TrainingMaterials.ContentOf(new MaterialDetails(title,
                "Pack", ["dialogue"], [Audience.Media], "en", MaterialLevel.Advanced, 30, [], "CC BY 4.0", 9)),
            "https://example.org/pack", null, null);
}
