using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Reports;

/// <summary>
/// A donor report written as the donors take it: an .xlsx with a summary sheet and one sheet per activity (ClosedXML),
/// a .docx narrative skeleton listing events and outputs per activity (DocumentFormat.OpenXml, valid by OpenXmlValidator),
/// and a CSV of the events. Headings are in the reader's language; numbers are numbers.
/// </summary>
internal sealed class DonorReportFiles(IStringLocalizer<ActivitiesResource> text)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public string SummarySheet => text["Report.Summary"];

    public string ActivitySheet(int number) => text["Report.ActivitySheet", number];

    public byte[] Xlsx(DonorReport report)
    {
        using var book = new XLWorkbook();
        var summary = book.AddWorksheet(SummarySheet);
        summary.Cell(1, 1).Value = text["Report.Title", report.From.ToString("d", CultureInfo.CurrentCulture), report.To.ToString("d", CultureInfo.CurrentCulture)].Value;
        summary.Cell(1, 1).Style.Font.Bold = true;
        string[] headings = [text["Report.Activity"], text["Report.EventsHeld"], text["Report.Participants"], text["Report.Female"], text["Report.Male"],
            text["Side.Kosovo"], text["Side.Serbia"], text["Report.Outputs"]];
        Header(summary, 3, headings);
        var row = 4;
        foreach (var a in report.Activities)
        {
            summary.Cell(row, 1).Value = $"{a.Number}. {a.Name}";
            summary.Cell(row, 2).Value = a.Events.Count;
            summary.Cell(row, 3).Value = a.Participants;
            summary.Cell(row, 4).Value = a.Female;
            summary.Cell(row, 5).Value = a.Male;
            summary.Cell(row, 6).Value = a.Kosovo;
            summary.Cell(row, 7).Value = a.Serbia;
            summary.Cell(row, 8).Value = a.Outputs;
            row++;
        }
        summary.Cell(row, 1).Value = text["Report.Total"].Value;
        summary.Cell(row, 1).Style.Font.Bold = true;
        for (var column = 2; column <= 8; column++)
        {
            summary.Cell(row, column).FormulaA1 = $"SUM({summary.Cell(4, column).Address}:{summary.Cell(row - 1, column).Address})";
        }
        summary.Columns().AdjustToContents();

        foreach (var a in report.Activities)
        {
            var sheet = book.AddWorksheet(ActivitySheet(a.Number));
            sheet.Cell(1, 1).Value = $"{a.Number}. {a.Name}";
            sheet.Cell(1, 1).Style.Font.Bold = true;
            sheet.Cell(2, 1).Value = text["Report.Leads"].Value + ": " + string.Join(", ", a.LeadPartners);
            Header(sheet, 4, [text["Report.Target"], text["Report.Planned"], text["Report.Achieved"]]);
            var r = 5;
            foreach (var t in a.Targets)
            {
                sheet.Cell(r, 1).Value = TargetText.Describe(text, t.Target);
                sheet.Cell(r, 2).Value = t.Target.Count;
                sheet.Cell(r, 3).Value = t.Achieved;
                r++;
            }
            r++;
            var groups = Enum.GetValues<TargetGroup>();
            var ages = Enum.GetValues<AgeGroup>();
            Header(sheet, r, [text["Report.Date"], text["Report.Kind"], text["Report.Event"], text["Report.Town"], text["Report.Side"], text["Report.Participants"],
                text["Report.Female"], text["Report.Male"], text["Report.OtherOrNotGiven"], .. groups.Select(g => text["TargetGroup." + g].Value),
                .. ages.Select(g => text["AgeGroup." + g].Value), text["Report.AgeNotGiven"], text["Report.Outputs"]]);
            r++;
            foreach (var e in a.Events)
            {
                sheet.Cell(r, 1).Value = e.LocalStart;
                sheet.Cell(r, 1).Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                sheet.Cell(r, 2).Value = text["EventKind." + e.Kind].Value;
                sheet.Cell(r, 3).Value = e.Title;
                sheet.Cell(r, 4).Value = e.Town;
                sheet.Cell(r, 5).Value = text["Side." + e.Side].Value;
                sheet.Cell(r, 6).Value = e.Participants;
                sheet.Cell(r, 7).Value = e.Female;
                sheet.Cell(r, 8).Value = e.Male;
                sheet.Cell(r, 9).Value = e.OtherOrNotGiven;
                var c = 10;
                foreach (var g in groups)
                {
                    sheet.Cell(r, c++).Value = e.ByTargetGroup[g];
                }
                foreach (var g in ages)
                {
                    sheet.Cell(r, c++).Value = e.ByAgeGroup[g];
                }
                sheet.Cell(r, c++).Value = e.AgeNotGiven;
                sheet.Cell(r, c).Value = string.Join("; ", e.Outputs.Select(o => o.Url is null ? o.Title : $"{o.Title} ({o.Url})"));
                r++;
            }
            sheet.Columns().AdjustToContents(1, 200);
        }
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static void Header(IXLWorksheet sheet, int row, IReadOnlyList<string> headings)
    {
        for (var i = 0; i < headings.Count; i++)
        {
            sheet.Cell(row, i + 1).Value = headings[i];
            sheet.Cell(row, i + 1).Style.Font.Bold = true;
        }
    }

    public byte[] Docx(DonorReport report)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Paragraph(text["Report.Title", report.From.ToString("d", CultureInfo.CurrentCulture), report.To.ToString("d", CultureInfo.CurrentCulture)], bold: true, size: 32));
            foreach (var a in report.Activities)
            {
                body.Append(Paragraph($"{a.Number}. {a.Name}", bold: true, size: 28));
                body.Append(Paragraph(text["Report.Leads"].Value + ": " + string.Join(", ", a.LeadPartners)));
                foreach (var t in a.Targets)
                {
                    body.Append(Paragraph($"{TargetText.Describe(text, t.Target)}: {t.Achieved} / {t.Target.Count}"));
                }
                if (a.Events.Count == 0)
                {
                    body.Append(Paragraph(text["Report.NoEvents"]));
                }
                foreach (var e in a.Events)
                {
                    body.Append(Paragraph($"{e.LocalStart.ToString("d", CultureInfo.CurrentCulture)} · {text["EventKind." + e.Kind].Value} · {e.Title} · {e.Town} ({text["Side." + e.Side].Value}) · {text["Report.ParticipantsCount", e.Participants].Value}", bold: true));
                    foreach (var o in e.Outputs)
                    {
                        body.Append(Paragraph($"– {text["OutputKind." + o.Kind].Value}: {o.Title}" + (o.Url is null ? "" : $" ({o.Url})")));
                    }
                    // The narrative is the partners' to write; the skeleton leaves a marked place for it.
                    body.Append(Paragraph(text["Report.NarrativePlaceholder"], italic: true));
                }
            }
            body.Append(new SectionProperties());
            main.Document.Save();
        }
        return buffer.ToArray();
    }

    private static Paragraph Paragraph(string content, bool bold = false, bool italic = false, int? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }
        if (italic)
        {
            properties.Append(new Italic());
        }
        if (size is { } s)
        {
            properties.Append(new FontSize { Val = s.ToString(CultureInfo.InvariantCulture) });
        }
        var run = new Run();
        if (properties.HasChildren)
        {
            run.Append(properties);
        }
        run.Append(new Text(content) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(run);
    }

    /// <summary>One line per held event, invariant formats, so a spreadsheet or script reads it the same in any language.</summary>
    public static byte[] Csv(DonorReport report)
    {
        var csv = new StringBuilder();
        var groups = Enum.GetValues<TargetGroup>();
        csv.Append("activity,start_utc,kind,title,town,side,participants,female,male,other_or_not_given,")
            .Append(string.Join(",", groups.Select(g => "group_" + g.ToString().ToLowerInvariant()))).Append(",outputs\r\n");
        foreach (var a in report.Activities)
        {
            foreach (var e in a.Events)
            {
                csv.Append(a.Number.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(e.StartUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
                    .Append(e.Kind).Append(',').Append(Field(e.Title)).Append(',').Append(Field(e.TownStableName)).Append(',').Append(e.Side).Append(',')
                    .Append(e.Participants.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(e.Female.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(e.Male.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(e.OtherOrNotGiven.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(string.Join(",", groups.Select(g => e.ByTargetGroup[g].ToString(CultureInfo.InvariantCulture)))).Append(',')
                    .Append(e.Outputs.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is quoted with an apostrophe so no spreadsheet runs it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>A target in words: "Events: Roundtable, Kosovo".</summary>
internal static class TargetText
{
    public static string Describe(IStringLocalizer text, TargetDto target)
    {
        var parts = new List<string>();
        if (target.EventKind is { } kind)
        {
            parts.Add(text["EventKind." + kind]);
        }
        if (target.OutputKind is { } output)
        {
            parts.Add(text["OutputKind." + output]);
        }
        if (target.Side is { } side)
        {
            parts.Add(text["Side." + side]);
        }
        var measure = text["Measure." + target.Measure].Value;
        return parts.Count == 0 ? measure : $"{measure}: {string.Join(", ", parts)}";
    }
}
