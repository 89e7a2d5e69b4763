using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Pages;
using Consortium.Portal.Activities.Public;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>Towns named in the reader's language: the plan's towns have three names, a town someone adds the one typed.</summary>
public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Theory]
    [InlineData("en", "Peja")]
    [InlineData("sq", "Pejë")]
    [InlineData("sr-Latn", "Peć")]
    [InlineData("sr-Cyrl", "Пећ")]
    public async Task The_event_page_names_its_town_in_the_reader_s_language(string culture, string town)
    {
        var evt = await RoundtableAsync(capacity: 5);
        var (cultureBefore, uiCultureBefore) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // The circuit's culture, as the portal sets it for the reader.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = PortalCultureFormats.Get(culture);
            await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
            var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));

            page.WaitForAssertion(() => Assert.Contains($" {town} (", page.Markup));
            if (culture != "en")
            {
                Assert.DoesNotContain(" Peja (", page.Markup);
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (cultureBefore, uiCultureBefore);
        }
    }

    [Fact]
    public async Task The_towns_keep_their_stable_name_and_give_the_reader_s_one_and_an_added_town_reads_as_typed_in_every_language()
    {
        var typed = "Štrpce " + Guid.NewGuid().ToString("N")[..6];
        var added = await (await Coordinator.PostAsJsonAsync(Api + "/towns", new AddTownRequest(typed, PartnerSide.Kosovo), DocumentsClient.Json))
            .ReadAsync<TownDto>(HttpStatusCode.Created);
        Assert.Equal((typed, typed), (added.Name, added.LocalName));

        foreach (var (culture, peja, mitrovica) in new[]
                 {
                     ("en", "Peja", "North Mitrovica"), ("sq", "Pejë", "Mitrovicë e Veriut"), ("sr-Latn", "Peć", "Severna Mitrovica"),
                     ("sr-Cyrl", "Пећ", "Северна Митровица"),
                 })
        {
            var towns = await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", culture);
            Assert.Equal(peja, towns.Single(t => t.Name == "Peja").LocalName);
            Assert.Equal(mitrovica, towns.Single(t => t.Name == "North Mitrovica").LocalName);
            // The one name typed, as typed: not transliterated on the Cyrillic page, whatever script it was typed in.
            Assert.Equal((typed, typed), towns.Where(t => t.Id == added.Id).Select(t => (t.Name, t.LocalName)).Single());
        }
        var cyrillic = await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", "sr-Cyrl");
        Assert.Equal("Гњилане", cyrillic.Single(t => t.Name == "Gjilan").LocalName);
        Assert.Equal("Ниш", cyrillic.Single(t => t.Name == "Niš").LocalName);
    }

    [Fact]
    public async Task A_town_typed_in_Albanian_or_Serbian_in_either_script_is_the_known_town_not_a_second_one()
    {
        var peja = await TownAsync("Peja");
        var before = (await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", "en")).Count;

        foreach (var typed in new[] { " pejë ", "PEĆ", "Пећ", "пећ" })
        {
            var answered = await (await Coordinator.PostAsJsonAsync(Api + "/towns", new AddTownRequest(typed, PartnerSide.Serbia), DocumentsClient.Json))
                .ReadAsync<TownDto>(HttpStatusCode.Created);
            Assert.Equal((peja.Id, "Peja", PartnerSide.Kosovo), (answered.Id, answered.Name, answered.Side));
        }

        // The event form's "new town" field takes the same path.
        var activity = await ActivityAsync(9);
        var start = portal.Clock.GetUtcNow().UtcDateTime.AddDays(7).Date.AddHours(10);
        var evt = await (await Coordinator.PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Roundtable, "Tryezë në Prishtinë " + Guid.NewGuid().ToString("N")[..6],
                null, start, start.AddHours(3), "Europe/Belgrade", null, "Prishtinë", PartnerSide.Kosovo, null, ["AKTIV"], [], [], null, false, null), DocumentsClient.Json))
            .ReadAsync<ActivityEventDto>(HttpStatusCode.Created);
        Assert.Equal((await TownAsync("Prishtina")).Id, evt.TownId);

        Assert.Equal(before, (await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", "en")).Count);
    }

    [Fact]
    public async Task An_event_its_public_page_and_its_public_answer_name_the_town_in_the_reader_s_language()
    {
        var evt = await RoundtableAsync(capacity: 5);

        Assert.Equal("Pejë", (await GetInAsync<ActivityEventDto>(Coordinator, $"{Api}/events/{evt.Id}", "sq")).Town);
        Assert.Equal("Peja", evt.Town);
        Assert.Equal("Пећ", (await GetInAsync<PublicEventJson>(portal.Anonymous(), $"{ActivitiesPaths.PublicApi}/{evt.Id}", "sr-Cyrl")).Event.Town);

        foreach (var (culture, town) in new[] { ("sq", "Pejë"), ("sr-Cyrl", "Пећ") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ActivitiesPaths.PublicPage(evt.Id));
            request.Headers.AcceptLanguage.ParseAdd(culture);
            var page = WebUtility.HtmlDecode(await (await portal.Anonymous().SendAsync(request)).Content.ReadAsStringAsync());
            Assert.Contains(town + ", Hotel Dukagjini", page);
        }
    }

    [Fact]
    public async Task The_seeding_gives_a_database_s_plan_towns_the_names_they_lack_and_leaves_a_town_someone_added_with_its_one_name()
    {
        var typed = "Zubin Potok " + Guid.NewGuid().ToString("N")[..6];
        var added = await (await Coordinator.PostAsJsonAsync(Api + "/towns", new AddTownRequest(typed, PartnerSide.Kosovo), DocumentsClient.Json))
            .ReadAsync<TownDto>(HttpStatusCode.Created);
        await using (var scope = portal.Scope())
        {
            // A database seeded before towns had their Albanian and Serbian names (the migration adds them empty).
            var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
            Assert.Equal(1, await db.Towns.Where(t => t.Name == "Gjilan")
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NameSq, (string?)null).SetProperty(t => t.NameSrLatn, (string?)null)));
        }
        Assert.Equal("Gjilan", (await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", "sr-Latn")).Single(t => t.Name == "Gjilan").LocalName);

        await portal.App.Services.GetRequiredService<ModuleCatalog>().Modules.OfType<ActivitiesModule>().Single()
            .SeedAsync(new SeedContext(portal.App.Services, IncludeDemoData: false, CancellationToken.None));

        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
            var gjilan = await db.Towns.AsNoTracking().SingleAsync(t => t.Name == "Gjilan");
            Assert.Equal(("Gjilan", "Gnjilane"), (gjilan.NameSq, gjilan.NameSrLatn));
            var own = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == added.Id);
            Assert.Equal((typed, null, null), (own.Name, own.NameSq, own.NameSrLatn));
            Assert.Equal(13, await db.Towns.CountAsync(t => t.NameSrLatn != null));
        }
        Assert.Equal("Gnjilane", (await GetInAsync<List<TownDto>>(Coordinator, Api + "/towns", "sr-Latn")).Single(t => t.Name == "Gjilan").LocalName);
    }

    private static async Task<T> GetInAsync<T>(HttpClient client, string path, string culture)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(culture);
        return await (await client.SendAsync(request)).ReadAsync<T>();
    }
}
