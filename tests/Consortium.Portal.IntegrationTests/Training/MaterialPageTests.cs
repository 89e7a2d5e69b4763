using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Pages;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>A material's page on the portal under test (<see cref="PortalPage"/>): what a reader does there.</summary>
public abstract class MaterialPageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : TrainingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task A_translation_request_not_sent_yet_is_asked_about_before_leaving_and_no_more_once_sent()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        portal.NewPerson("Lirie Berisha", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var details = new MaterialDetails("Workshop guide " + Guid.NewGuid().ToString("N")[..8], "For the journalists' seminar.", ["rule of law"], [Audience.Media],
            "sq", MaterialLevel.Introductory, 90, [ConsortiumPartners.Kcss.Id], "CC BY 4.0", 10);
        var material = await (await trainer.Client.PostAsJsonAsync($"{TrainingPaths.Api}/materials",
            new CreateMaterialRequest(MaterialKind.Link, "https://example.org/" + Guid.NewGuid(), null, details), DocumentsClient.Json)).ReadAsync<MaterialDto>(HttpStatusCode.Created);
        var reader = portal.NewPerson("Jelena Marković", ConsortiumPartners.Yucom);
        await using var tab = new PortalPage(portal.App, reader.Client);
        var dialogs = tab.Page.Render<MudDialogProvider>();
        var page = tab.Page.Render<MaterialPage>(p => p.Add(c => c.MaterialId, material.Material.Id));
        page.WaitForElement("#request-message");

        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));

        await page.InvokeAsync(() => page.Find("#request-message").Change("For the Kraljevo workshop."));
        var language = page.FindComponents<MudSelect<string>>().Single();
        await page.InvokeAsync(() => language.Instance.ValueChanged.InvokeAsync("sr-Latn"));
        Assert.True(tab.Page.BrowserAsksBeforeLeaving());
        Assert.True(await tab.Page.AsksBeforeLeavingAsync(dialogs));
        Assert.Equal("For the Kraljevo workshop.", page.Find("#request-message").GetAttribute("value"));

        await page.Find("#request-message").Closest("form")!.SubmitAsync();

        // Sent: the form is empty again and nothing is asked.
        page.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(page.Find("#request-message").GetAttribute("value"))));
        Assert.False(tab.Page.BrowserAsksBeforeLeaving());
        Assert.False(await tab.Page.AsksBeforeLeavingAsync(dialogs));
    }
}

public sealed class MaterialPageTests_Sqlite(TrainingSqlitePortal portal) : MaterialPageTests<TrainingSqlitePortal, SqlitePortal>(portal);

public sealed class MaterialPageTests_PostgreSql(TrainingPostgreSqlPortal portal) : MaterialPageTests<TrainingPostgreSqlPortal, PostgreSqlPortal>(portal);
