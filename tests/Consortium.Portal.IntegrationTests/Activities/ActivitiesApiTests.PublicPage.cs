using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.IntegrationTests.Documents;

namespace Consortium.Portal.IntegrationTests.Activities;

public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    [Fact]
    public async Task The_kept_public_page_shows_a_change_of_time_and_a_full_event_at_once_and_gives_each_reader_a_fresh_form_token()
    {
        var evt = await RoundtableAsync(capacity: 1);
        var reader = portal.Anonymous();
        var page = $"/events/{evt.Id}";

        // Kept, but the form token in it is new in every answer (a robot posting a kept token at once is still told apart).
        var (first, second) = (await PageAsync(reader, page), await PageAsync(reader, page));
        Assert.Contains("1 places left.", first.Html);
        Assert.NotEqual(first.Token, second.Token);
        var robot = await RegisterAsync(reader, evt.Id, Person($"robot.{evt.Id:N}@example.org", second.Token));
        Assert.Equal(HttpStatusCode.BadRequest, robot.StatusCode);
        Assert.Contains("1 places left.", (await PageAsync(reader, page)).Html);

        // A new time is on the page the moment it is saved.
        var later = evt.LocalStart.AddHours(5).AddMinutes(30);
        var details = new EventDetails(evt.ActivityId, evt.Kind, evt.Title, evt.Description, later, later.AddHours(2), evt.TimeZone, evt.TownId, null, null,
            evt.Venue, evt.OrganisingPartners, evt.ParticipatingPartners, evt.Speakers, evt.Agenda, evt.IsPublic, evt.Capacity);
        var moved = await (await Coordinator.PutAsJsonAsync($"{Api}/events/{evt.Id}", new UpdateEventRequest(details, evt.ConcurrencyStamp), DocumentsClient.Json))
            .ReadAsync<ActivityEventDto>();
        var afterMove = await PageAsync(reader, page);
        Assert.Contains(later.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), afterMove.Html);
        Assert.DoesNotContain(evt.LocalStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "–", afterMove.Html);

        // The last place taken: the next reader is offered the waiting list at once.
        await (await RegisterAsync(reader, evt.Id, Person($"last.{evt.Id:N}@example.org", await FormTokenAsync(reader, evt.Id))))
            .ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        Assert.Contains("The event is full; you can join the waiting list.", (await PageAsync(reader, page)).Html);

        // Registration closes at the start by the clock alone, with nothing saved: the kept page is not answered past it.
        portal.Clock.Advance(moved.StartUtc - portal.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        Assert.Contains("Registration is closed.", (await PageAsync(reader, page)).Html);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/events/{Guid.NewGuid()}")).StatusCode);
    }

    private static async Task<(string Html, string Token)> PageAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var token = Regex.Match(html, "name=\"formToken\" value=\"([^\"]+)\"");
        return (html, token.Success ? token.Groups[1].Value : "");
    }
}
