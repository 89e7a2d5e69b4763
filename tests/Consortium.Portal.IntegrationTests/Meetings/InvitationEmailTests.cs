using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Notifications;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>
/// The meetings portal with its outbox and job server running and its mail going to an SMTP sink, as
/// <see cref="MailingPortal{TDatabase}"/> has it. SQLite only: what is checked is the e-mail and the answer it leads to,
/// which no database changes.
/// </summary>
public sealed class MeetingsMailingPortal : MeetingsPortal<SqlitePortal>
{
    public SmtpSink Smtp { get; } = new();

    protected override bool RunsBackgroundWork => true;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:Timeout", "00:00:05");
        builder.UseSetting("Smtp:From", "Consortium Portal <portal@kspag.example>");
        builder.UseSetting("Portal:PublicBaseUrl", MailingPortal<SqlitePortal>.PublicBaseUrl);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
    }
}

public sealed class InvitationEmailTests(MeetingsMailingPortal portal) : IClassFixture<MeetingsMailingPortal>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_invitation_email_offers_yes_maybe_and_no_and_each_link_records_its_answer_once()
    {
        portal.Smtp.Start();
        var forum = portal.NewForum();
        var start = new DateTime(2027, 3, 23, 10, 0, 0);
        var created = await forum.Organiser.Client.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(forum.Id),
            new CreateMeetingRequest("Forum meeting", "Activity 11", start, start.AddHours(2), null, "Hotel Sirius", "Prishtina", null,
                MeetingTemplate.ForumMeeting, null, null), DocumentsClient.Json);
        var meeting = await created.ReadAsync<MeetingDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/open", null)).StatusCode);

        // The e-mail the Kosovo member receives: three buttons, each its own link, in the reader's language, and the meeting's page.
        var address = $"{forum.Kosovar.Id:N}@example.org";
        var email = await portal.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address), Patience);
        var page = $"{MailingPortal<SqlitePortal>.PublicBaseUrl}{MeetingsPaths.MeetingPage(meeting.Id)}";
        var buttons = Regex.Matches(email.HtmlBody!, "<a href=\"([^\"]+)\"[^>]*data-action=\"[^\"]*\">([^<]+)</a>")
            .Select(m => (Link: WebUtility.HtmlDecode(m.Groups[1].Value), Label: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal(
            [($"{page}?rsvp=yes", "Yes, I will come"), ($"{page}?rsvp=maybe", "Maybe"), ($"{page}?rsvp=no", "No, I cannot come")],
            buttons);
        var text = email.TextBody!.ReplaceLineEndings("\n");
        Assert.Contains($"Yes, I will come:\n{page}?rsvp=yes", text);
        Assert.Contains($"No, I cannot come:\n{page}?rsvp=no", text);
        Assert.Contains($"href=\"{page}\"", email.HtmlBody); // the meeting itself, as before

        // Following each link: its GET (a mail scanner's too) records nothing; the page, once running in the signed-in
        // reader's browser, records the link's answer; the same link again changes nothing.
        foreach (var (link, _) in buttons)
        {
            var path = new Uri(link).PathAndQuery;
            var answer = Enum.Parse<RsvpAnswer>(path[(path.IndexOf("rsvp=", StringComparison.Ordinal) + 5)..], ignoreCase: true);
            var before = Mine(await GetAsync(forum.Kosovar, meeting.Id));
            var html = await forum.Kosovar.Client.GetStringAsync(path);
            Assert.Contains($"data-answer=\"{answer}\"", html);
            Assert.Equal(before, Mine(await GetAsync(forum.Kosovar, meeting.Id)));

            Assert.True(await FollowAsync(forum.Kosovar, meeting.Id, answer));
            var answered = Mine(await GetAsync(forum.Kosovar, meeting.Id));
            Assert.Equal(answer, answered.Answer);
            Assert.False(await FollowAsync(forum.Kosovar, meeting.Id, answer));
            Assert.Equal(answered, Mine(await GetAsync(forum.Kosovar, meeting.Id)));
        }

        ParticipantDto Mine(MeetingDto m) => Assert.Single(m.Participants, p => p.UserId == forum.Kosovar.Id);
    }

    private static async Task<MeetingDto> GetAsync(Attendee who, Guid meetingId)
        => await (await who.Client.GetAsync(MeetingsPaths.Meeting(meetingId))).ReadAsync<MeetingDto>();

    // What the meeting page does over its circuit after the link's GET (MeetingPage.OnAfterRenderAsync).
    private async Task<bool> FollowAsync(Attendee who, Guid meetingId, RsvpAnswer answer)
    {
        await using var scope = portal.Scope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = new ClaimsPrincipal(
            new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, who.Id.ToString())], "circuit"));
        return await scope.ServiceProvider.GetRequiredService<MeetingScheduling>().RespondFromLinkAsync(meetingId, answer);
    }
}
