using System.Globalization;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Minutes;

/// <summary>The .docx of a meeting's minutes: for whoever may see the meeting, and the copy kept in its workspace.</summary>
internal sealed class MinutesExport(MeetingViews views, IUserDirectory users, IStringLocalizer<MeetingsResource> text)
{
    public async Task<(byte[] Content, string FileName)> DocxAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await views.GetAsync(meetingId, cancellationToken);
        return (await WriteAsync(meeting, cancellationToken), $"minutes-{meeting.LocalStart:yyyy-MM-dd}.docx");
    }

    /// <summary>
    /// The approved minutes as the workspace keeps them, written in <paramref name="culture"/> (the organiser's, who keeps
    /// them): the content, a file name of the date and title, and the folder's name.
    /// </summary>
    public async Task<(byte[] Content, string FileName, string Folder)> ForWorkspaceAsync(Guid meetingId, string culture, CancellationToken cancellationToken = default)
    {
        var meeting = await views.GetForSystemAsync(meetingId, cancellationToken);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            // A path separator in the title would make the name its last segment only; Documents cleans the rest.
            var title = string.Concat(meeting.Title.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? ' ' : c));
            return (await WriteAsync(meeting, cancellationToken), $"{meeting.LocalStart:yyyy-MM-dd} {title}.docx", text["Minutes.Folder"]);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    private async Task<byte[]> WriteAsync(MeetingDto meeting, CancellationToken cancellationToken)
    {
        var partners = (await users.GetPartnersAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.ShortName);
        return MinutesDocument.Write(meeting, text["Docx.Header"], partners, text);
    }
}
