using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Activities;
using Consortium.Portal.IntegrationTests.Documents;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>A refusal of the API reads in the reader's language on the field it is about, as the validators' do.</summary>
public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task An_event_of_an_activity_not_in_the_plan_or_in_an_unknown_town_is_refused_on_its_field_in_the_reader_s_language()
    {
        var activity = await ActivityAsync(9);
        var peja = await TownAsync("Peja");
        var start = portal.Clock.GetUtcNow().UtcDateTime.AddDays(7).Date.AddHours(10);
        EventDetails Details(Guid activityId, Guid townId) => new(activityId, EventKind.Roundtable, "Tryezë " + Guid.NewGuid().ToString("N")[..6], null,
            start, start.AddHours(3), "Europe/Belgrade", townId, null, null, null, ["AKTIV"], [], [], null, false, null);

        Assert.Equal(("activityId", "Zgjidhni një aktivitet të planit të projektit."), await RefusalInAsync(HttpMethod.Post, Api + "/events", Details(Guid.NewGuid(), peja.Id), "sq"));
        Assert.Equal(("townId", "Izaberite grad sa liste ili dodajte novi."), await RefusalInAsync(HttpMethod.Post, Api + "/events", Details(activity.Id, Guid.NewGuid()), "sr-Latn"));
        Assert.DoesNotContain((await (await Coordinator.GetAsync(Api + "/events")).ReadAsync<List<ActivityEventDto>>()), e => e.Title.StartsWith("Tryezë ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_donor_report_whose_period_ends_before_it_starts_is_refused_on_its_end_in_the_reader_s_language()
        => Assert.Equal(("to", "Periudha mbaron para se të fillojë."), await RefusalInAsync(HttpMethod.Get, Api + "/reports/donor?from=2026-06-01&to=2026-05-31", null, "sq"));

    /// <summary>The one field a 400 refused and its one message, asked in a culture.</summary>
    private async Task<(string Field, string Message)> RefusalInAsync(HttpMethod method, string path, object? body, string culture)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: DocumentsClient.Json);
        }
        request.Headers.AcceptLanguage.ParseAdd(culture);
        var refused = await Coordinator.SendAsync(request);
        var field = Assert.Single(await refused.FieldErrorsAsync());
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        return (field, Assert.Single(problem.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!);
    }
}
