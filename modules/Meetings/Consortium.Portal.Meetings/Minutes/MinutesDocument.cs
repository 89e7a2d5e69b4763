using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Minutes;

/// <summary>
/// The minutes as a .docx (DocumentFormat.OpenXml): the consortium's header on every page, then the meeting, its
/// attendance, each agenda item with its minutes, the decisions and the action items, in the reader's language.
/// </summary>
public static class MinutesDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(MeetingDto meeting, string consortiumName, IReadOnlyDictionary<Guid, string> partnerNames, IStringLocalizer text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Line(consortiumName, bold: true));
            var body = new Body();

            body.Append(Line(meeting.Title, bold: true, size: 32));
            body.Append(Line(text["Docx.When", $"{meeting.LocalStart:yyyy-MM-dd HH:mm}–{meeting.LocalEnd:HH:mm}", meeting.TimeZoneId]));
            var place = string.Join(", ", new[] { meeting.Place, meeting.Town, meeting.OnlineLink }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (place.Length > 0)
            {
                body.Append(Line(place));
            }

            body.Append(Heading(text["Docx.Attendance"]));
            var table = new Table(new TableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })));
            // A table without its grid is invalid to the validator (and to Word's stricter readers).
            table.Append(new TableGrid(new GridColumn { Width = "3000" }, new GridColumn { Width = "3000" }, new GridColumn { Width = "3000" }));
            table.Append(Row(text["People.Name"], text["Coverage.Partner"], text["People.Attendance"]));
            foreach (var attendee in meeting.Attendance)
            {
                table.Append(Row(attendee.DisplayName,
                    attendee.PartnerOrganisationId is { } partner ? partnerNames.GetValueOrDefault(partner, "") : "",
                    text["Attendance." + attendee.Mode]));
            }
            body.Append(table);
            if (meeting.Women is not null || meeting.Men is not null || meeting.OtherGender is not null)
            {
                body.Append(Line(text["Attendance.Counts", meeting.Women ?? 0, meeting.Men ?? 0, meeting.OtherGender ?? 0]));
            }

            body.Append(Heading(text["Docx.Items"]));
            var number = 1;
            foreach (var item in meeting.Agenda.Where(i => !i.IsProposal))
            {
                body.Append(Line($"{number++}. {item.Title}", bold: true));
                foreach (var line in (item.MinutesText ?? "").Split('\n'))
                {
                    body.Append(Line(line.TrimEnd('\r')));
                }
            }

            body.Append(Heading(text["Decisions.Title"]));
            foreach (var decision in meeting.Decisions)
            {
                body.Append(Line($"{decision.Code}  {decision.Text}"));
            }

            body.Append(Heading(text["Actions.Title"]));
            var owners = meeting.Participants.ToDictionary(p => p.UserId, p => p.DisplayName);
            foreach (var action in meeting.ActionItems)
            {
                body.Append(Line($"{action.What} — {owners.GetValueOrDefault(action.OwnerId, "")} — {action.Due:yyyy-MM-dd} — {text["ActionStatus." + action.Status]}"));
            }

            body.Append(new SectionProperties(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Heading(string value) => Line(value, bold: true, size: 26);

    private static Paragraph Line(string value, bool bold = false, int? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }
        if (size is { } halfPoints)
        {
            properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return new Paragraph(new Run(properties, new Text(value) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableRow Row(params string[] cells)
        => new(cells.Select(c => new TableCell(new Paragraph(new Run(new Text(c) { Space = SpaceProcessingModeValues.Preserve })))));
}
