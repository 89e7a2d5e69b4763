using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Training;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>The staff's pages as the server first renders them, in English and in Serbian Cyrillic.</summary>
public abstract class TrainingPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : TrainingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task Every_page_of_the_library_renders_for_a_trainer_with_the_materials_values()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        var workspace = portal.Workspaces.New((trainer.Id, WorkspaceRole.Editor));
        var title = "Pages " + Guid.NewGuid().ToString("N")[..8];
        var details = new MaterialDetails(title, "Seminar pack", ["rule of law"], [Audience.Media], "sq", MaterialLevel.Advanced, 45, [ConsortiumPartners.Kcss.Id], "CC BY 4.0", 10);
        var material = await (await trainer.Client.PostAsJsonAsync($"{TrainingPaths.Api}/materials", new CreateMaterialRequest(MaterialKind.File, null, workspace, details), DocumentsClient.Json))
            .ReadAsync<MaterialDto>(HttpStatusCode.Created);
        var collection = await (await trainer.Client.PostAsJsonAsync($"{TrainingPaths.Api}/collections", new CreateCollectionRequest("Pack " + title, null, [material.Material.Id]), DocumentsClient.Json))
            .ReadAsync<CollectionDto>(HttpStatusCode.Created);

        foreach (var (url, expected) in new[]
                 {
                     (TrainingPaths.Page, "Training materials"), (TrainingPaths.NewMaterialPage, "New training material"),
                     (TrainingPaths.MaterialPage(material.Material.Id), title), (TrainingPaths.EditMaterialPage(material.Material.Id), title),
                     (TrainingPaths.CollectionsPage, "Pack " + title), (TrainingPaths.CollectionPage(collection.Id), "Materials in order"),
                     (TrainingPaths.FollowsPage, "Follow topics, audiences and languages"),
                 })
        {
            var response = await trainer.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        using var cyrillic = new HttpRequestMessage(HttpMethod.Get, TrainingPaths.MaterialPage(material.Material.Id));
        cyrillic.Headers.AcceptLanguage.ParseAdd("sr-Cyrl");
        var serbian = WebUtility.HtmlDecode(await (await trainer.Client.SendAsync(cyrillic)).Content.ReadAsStringAsync());
        Assert.Contains("Напредни", serbian);
        Assert.Contains("Отпреми датотеку", serbian);
    }
}

public sealed class TrainingPagesTests_Sqlite(TrainingSqlitePortal portal) : TrainingPagesTests<TrainingSqlitePortal, SqlitePortal>(portal);

public sealed class TrainingPagesTests_PostgreSql(TrainingPostgreSqlPortal portal) : TrainingPagesTests<TrainingPostgreSqlPortal, PostgreSqlPortal>(portal);
