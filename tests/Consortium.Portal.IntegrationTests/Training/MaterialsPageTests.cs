using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Training.Pages;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>
/// The catalogue with no material in it (a portal of its own, which no other test adds to): it said "No material matches
/// these filters" with no filter set.
/// </summary>
public abstract class MaterialsPageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : TrainingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task An_empty_catalogue_says_there_is_no_material_yet_and_how_to_add_one_and_only_a_filter_says_nothing_matches()
    {
        var trainer = portal.NewPerson("Ardian Gashi", ConsortiumPartners.Kcss);
        await using var tab = new PortalPage(portal.App, trainer.Client);
        var page = tab.Page.Render<MaterialsPage>();

        page.WaitForAssertion(() => Assert.Equal("There are no training materials yet. Add the first one with “New material”.",
            page.Find("#materials-none").TextContent.Trim()));

        await page.InvokeAsync(() => page.Find("#filter-topic").Change("rule of law"));
        await page.Find("#filter-topic").Closest("form")!.SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal("No material matches these filters.", page.Find("#materials-none").TextContent.Trim()));
    }

    [Theory]
    [InlineData("en", "", "No training material has been made public yet.")]
    [InlineData("sq", "", "Ende nuk është bërë publik asnjë material trajnimi.")]
    [InlineData("en", "?topic=rule+of+law", "No public material matches these filters.")]
    [InlineData("en", "?sort=MostUsed&pageSize=10", "No training material has been made public yet.")]
    public async Task The_empty_public_library_says_nothing_is_public_yet_and_only_a_filter_says_nothing_matches(string culture, string query, string said)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Consortium.Portal.Training.Public.PublicLibraryPaths.List + query);
        request.Headers.AcceptLanguage.ParseAdd(culture);
        var response = await portal.Anonymous().SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<p id=\"library-none\">{said}</p>", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}

public sealed class MaterialsPageTests_Sqlite(TrainingSqlitePortal portal) : MaterialsPageTests<TrainingSqlitePortal, SqlitePortal>(portal);

public sealed class MaterialsPageTests_PostgreSql(TrainingPostgreSqlPortal portal) : MaterialsPageTests<TrainingPostgreSqlPortal, PostgreSqlPortal>(portal);
