using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Consortium.Portal.Identity;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Publications.Application;

/// <summary>
/// The coordinator's pipeline: every publication by state, who holds each one up and since when (the workflow's open
/// tasks; its authors while changes are asked or it waits to be published), and the counts for donor reporting.
/// </summary>
internal sealed class PublicationPipeline(PublicationsDbContext db, IWorkflows workflows, IUserDirectory users, IStringLocalizer<PublicationsResource> text)
{
    private static readonly PublicationState[] Counted = [PublicationState.Draft, PublicationState.InApproval, PublicationState.Approved, PublicationState.Published, PublicationState.Withdrawn];

    public async Task<PipelineDto> ReadAsync(CancellationToken cancellationToken = default)
    {
        var publications = await db.Publications.AsNoTracking().OrderBy(p => p.State).ThenBy(p => p.StateSinceUtc).ToListAsync(cancellationToken);
        var partners = (await users.GetPartnersAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.ShortName);

        var holds = new Dictionary<Guid, List<(Guid? User, string? Stage, DateTime Since, DateTime? Due, bool Overdue)>>();
        foreach (var publication in publications)
        {
            var list = holds[publication.Id] = [];
            if (publication.State == PublicationState.InApproval
                && await workflows.FindForSubjectAsync(PublicationsConsts.SubjectType, publication.Id, cancellationToken) is { Status: WorkflowStatus.Running } workflow)
            {
                list.AddRange(workflow.OpenTasks.Select(t => ((Guid?)t.AssigneeId, (string?)t.StageName.For(CultureInfo.CurrentUICulture.Name), t.OpenedAtUtc, t.DueAtUtc, t.IsOverdue)));
            }
            else if (publication.State is PublicationState.ChangesRequested or PublicationState.Approved or PublicationState.Draft)
            {
                // The next step is the authors': rework, publish, or submit.
                list.AddRange(publication.AuthorIds.Select(a => ((Guid?)a, (string?)null, publication.StateSinceUtc, (DateTime?)null, false)));
            }
        }
        var names = (await users.GetUsersAsync(holds.Values.SelectMany(h => h).Select(h => h.User).OfType<Guid>().Distinct().ToList(), cancellationToken))
            .ToDictionary(u => u.Id, u => u.DisplayName);

        var items = publications.Select(p => new PipelineItemDto(p.Id, p.Title, p.Type, p.State, p.StateSinceUtc,
            p.AuthoringPartnerIds.Select(id => partners.GetValueOrDefault(id)).OfType<string>().ToList(),
            holds[p.Id].Select(h => new PipelineHoldDto(h.User, h.User is { } u ? names.GetValueOrDefault(u) ?? u.ToString() : "", h.Stage, h.Since, h.Due, h.Overdue)).ToList()))
            .ToList();
        return new PipelineDto(items, Count(publications, partners));
    }

    private IReadOnlyList<PipelineCountDto> Count(IReadOnlyList<Publication> publications, IReadOnlyDictionary<Guid, string> partners)
    {
        var rows = new List<PipelineCountDto>();
        void Add(string dimension, string value, IEnumerable<Publication> of)
        {
            var byState = of.GroupBy(p => Bucket(p.State)).ToDictionary(g => g.Key, g => g.Count());
            rows.Add(new PipelineCountDto(dimension, value, byState.GetValueOrDefault(PublicationState.Draft), byState.GetValueOrDefault(PublicationState.InApproval),
                byState.GetValueOrDefault(PublicationState.Approved), byState.GetValueOrDefault(PublicationState.Published), byState.GetValueOrDefault(PublicationState.Withdrawn)));
        }
        foreach (var (id, name) in partners.OrderBy(p => p.Value, StringComparer.Ordinal))
        {
            Add(text["Pipeline.Partner"], name, publications.Where(p => p.AuthoringPartnerIds.Contains(id)));
        }
        foreach (var type in Enum.GetValues<PublicationType>())
        {
            Add(text["Field.Type"], text["Type." + type], publications.Where(p => p.Type == type));
        }
        foreach (var language in PublicationsConsts.Languages)
        {
            Add(text["Catalogue.Language"], text["Language." + language], publications.Where(p => p.Languages.Contains(language)));
        }
        foreach (var activity in PublicationsConsts.Activities)
        {
            Add(text["Field.Activity"], text["Activity", activity], publications.Where(p => p.Activity == activity));
        }
        return rows;
    }

    /// <summary>Changes requested are still in approval, for counting.</summary>
    private static PublicationState Bucket(PublicationState state) => state == PublicationState.ChangesRequested ? PublicationState.InApproval : state;

    private IReadOnlyList<string> CountHeaders() =>
        [text["Pipeline.Dimension"], text["Pipeline.Value"], .. Counted.Select(s => text["State." + s].Value), text["Pipeline.Total"]];

    private static IReadOnlyList<object> CountCells(PipelineCountDto c) => [c.Dimension, c.Value, c.Draft, c.InApproval, c.Approved, c.Published, c.Withdrawn, c.Total];

    /// <summary>The counts and the pipeline as a workbook: one sheet each, headers in the reader's language.</summary>
    public async Task<byte[]> ExportXlsxAsync(CancellationToken cancellationToken = default)
    {
        var pipeline = await ReadAsync(cancellationToken);
        using var workbook = new XLWorkbook();
        var counts = workbook.Worksheets.Add(text["Pipeline.CountsSheet"].Value);
        Write(counts, CountHeaders(), pipeline.Counts.Select(CountCells));
        var items = workbook.Worksheets.Add(text["Pipeline.ItemsSheet"].Value);
        Write(items, [text["Field.Title"], text["Field.Type"], text["List.State"], text["Pipeline.Since"], text["Pipeline.Partner"], text["Pipeline.WaitingFor"]],
            pipeline.Items.Select(i => (IReadOnlyList<object>)[i.Title, text["Type." + i.Type].Value, text["State." + i.State].Value, i.StateSinceUtc,
                string.Join(", ", i.Partners), string.Join(", ", i.WaitingFor.Select(w => w.Name))]));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The counts as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the letters right).</summary>
    public async Task<byte[]> ExportCsvAsync(CancellationToken cancellationToken = default)
    {
        var pipeline = await ReadAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CountHeaders().Select(Quote))).Append("\r\n");
        foreach (var row in pipeline.Counts)
        {
            csv.Append(string.Join(',', CountCells(row).Select(c => Quote(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Write(IXLWorksheet sheet, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object>> rows)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case int n: cell.Value = n; break;
                    case DateTime d: cell.Value = d; cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm"; break;
                    // A text that starts like a formula stays text: the spreadsheet never evaluates what a user typed.
                    default: cell.Value = Convert.ToString(row[c], CultureInfo.InvariantCulture) ?? ""; break;
                }
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Columns().AdjustToContents(1, Math.Min(r, 200));
    }

    /// <summary>A CSV field: quoted, quotes doubled, and a leading = + - @ defused so no spreadsheet runs it as a formula.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
