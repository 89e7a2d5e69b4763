using System.Net;
using System.Text;
using ClosedXML.Excel;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Workspaces;
using System.Net.Http.Json;

namespace Consortium.Portal.IntegrationTests.Publications;

/// <summary>The coordinator's pipeline: who holds each publication up, and the counts exported for the donors.</summary>
public abstract class PublicationPipelineTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PublicationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Pipeline = PublicationsPaths.Api + "/pipeline";

    private async Task<PipelineDto> ReadAsync(Person coordinator) => await (await coordinator.Client.GetAsync(Pipeline)).ReadAsync<PipelineDto>();

    private static PipelineCountDto Row(PipelineDto pipeline, string dimension, string value) => pipeline.Counts.Single(c => c.Dimension == dimension && c.Value == value);

    [Fact]
    public async Task A_publication_in_approval_shows_who_holds_it_up_and_the_counts_follow_each_state_and_the_exports_carry_them()
    {
        var coordinator = portal.NewPerson("Coordinator", null, PortalRoles.Coordinator);
        var author = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Aktiv);
        var coAuthor = portal.NewPerson("Milica Jovanović", ConsortiumPartners.Bcsp);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor));
        var manuscript = portal.Documents.Add(workspace, "op-ed.md", "draft");
        var before = await ReadAsync(coordinator);

        var created = await (await author.Client.PostAsJsonAsync(PublicationsPaths.Api, new CreatePublicationRequest(PublicationType.PolicyBrief, "Held up", null, null, ["sq", "sr"],
            [coAuthor.Id], workspace, manuscript, null, 1), DocumentsClient.Json)).ReadAsync<PublicationDto>(HttpStatusCode.Created);
        await (await author.Client.PostAsJsonAsync($"{PublicationsPaths.Api}/{created.Id}/submit", new SubmitPublicationRequest(null, null, created.ConcurrencyStamp), DocumentsClient.Json))
            .ReadAsync<PublicationDto>();
        await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Published, workspace, manuscript, author.Id, ConsortiumPartners.Aktiv.Id, ["sq"],
            type: PublicationType.PolicyBrief, activity: 1);

        var after = await ReadAsync(coordinator);
        var held = after.Items.Single(i => i.Id == created.Id);
        Assert.Equal(PublicationState.InApproval, held.State);
        Assert.Equal(["Arta Krasniqi", "Milica Jovanović"], held.WaitingFor.Select(w => w.Name).Order());
        Assert.All(held.WaitingFor, w => Assert.Equal("Co-author review", w.Stage));
        Assert.Equal(["AKTIV", "BCSP"], held.Partners.Order());

        var aktivBefore = Row(before, "Partner", "AKTIV");
        var aktiv = Row(after, "Partner", "AKTIV");
        Assert.Equal(aktivBefore.InApproval + 1, aktiv.InApproval);
        Assert.Equal(aktivBefore.Published + 1, aktiv.Published);
        Assert.Equal(Row(before, "Type", "Policy brief").Total + 2, Row(after, "Type", "Policy brief").Total);
        Assert.Equal(Row(before, "Language", "Serbian").InApproval + 1, Row(after, "Language", "Serbian").InApproval);
        Assert.Equal(Row(before, "Activity", "Activity 1").Published + 1, Row(after, "Activity", "Activity 1").Published);

        var xlsx = await coordinator.Client.GetAsync(Pipeline + "/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var counts = workbook.Worksheet("Counts");
            Assert.Equal(["By", "Value", "Draft", "In approval", "Approved", "Published", "Withdrawn", "Total"],
                Enumerable.Range(1, 8).Select(c => counts.Cell(1, c).GetString()));
            var aktivRow = counts.RowsUsed().Single(r => r.Cell(1).GetString() == "Partner" && r.Cell(2).GetString() == "AKTIV");
            Assert.Equal(aktiv.InApproval, aktivRow.Cell(4).GetValue<int>());
            Assert.Equal(aktiv.Published, aktivRow.Cell(6).GetValue<int>());
            Assert.Equal(aktiv.Total, aktivRow.Cell(8).GetValue<int>());
            var items = workbook.Worksheet("Pipeline");
            var heldRow = items.RowsUsed().Single(r => r.Cell(1).GetString() == "Held up");
            Assert.Equal("In approval", heldRow.Cell(3).GetString());
            Assert.Contains("Milica Jovanović", heldRow.Cell(6).GetString());
        }

        var csv = Encoding.UTF8.GetString(await (await coordinator.Client.GetAsync(Pipeline + "/export.csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"By\",\"Value\",\"Draft\",\"In approval\",\"Approved\",\"Published\",\"Withdrawn\",\"Total\"", lines[0]);
        Assert.Contains($"\"Partner\",\"AKTIV\",\"{aktiv.Draft}\",\"{aktiv.InApproval}\",\"{aktiv.Approved}\",\"{aktiv.Published}\",\"{aktiv.Withdrawn}\",\"{aktiv.Total}\"", lines);
    }

    [Fact]
    public async Task The_pipeline_is_the_coordinators()
    {
        var member = portal.NewPerson("Member", ConsortiumPartners.Kcss);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync(Pipeline)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync(Pipeline + "/export.xlsx")).StatusCode);
    }
}

public sealed class PublicationPipelineTests_Sqlite(PublicationsSqlitePortal portal) : PublicationPipelineTests<PublicationsSqlitePortal, SqlitePortal>(portal);

public sealed class PublicationPipelineTests_PostgreSql(PublicationsPostgreSqlPortal portal) : PublicationPipelineTests<PublicationsPostgreSqlPortal, PostgreSqlPortal>(portal);
