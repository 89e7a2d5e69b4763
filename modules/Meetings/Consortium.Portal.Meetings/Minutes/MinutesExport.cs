using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Minutes;

/// <summary>The .docx of a meeting's minutes for whoever may see the meeting.</summary>
internal sealed class MinutesExport(MeetingViews views, IUserDirectory users, IStringLocalizer<MeetingsResource> text)
{
    public async Task<(byte[] Content, string FileName)> DocxAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await views.GetAsync(meetingId, cancellationToken);
        var partners = (await users.GetPartnersAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.ShortName);
        var content = MinutesDocument.Write(meeting, text["Docx.Header"], partners, text);
        return (content, $"minutes-{meeting.LocalStart:yyyy-MM-dd}.docx");
    }
}
