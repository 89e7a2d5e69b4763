using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Workflows.Pages;
using MudBlazor;
using MudBlazor.Extensions;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>The task inbox's delegation form while a delegation is being made.</summary>
public abstract class TaskInboxPageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : WorkflowsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_next_colleague_chosen_while_a_delegation_is_made_stays_chosen()
    {
        var me = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg);
        var first = (await portal.Directory.FindUserAsync(portal.NewPerson("Besnik Hoxha", ConsortiumPartners.Bprg).Id))!;
        var next = (await portal.Directory.FindUserAsync(portal.NewPerson("Drita Morina", ConsortiumPartners.Bprg).Id))!;
        await using var tab = new PortalPage(portal.App, me.Client);
        var page = tab.Page.Render<TaskInboxPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        await page.InvokeAsync(() => page.FindComponent<MudAutocomplete<PortalUserDto>>().Instance.ValueChanged.InvokeAsync(first));
        await page.InvokeAsync(() => page.FindComponent<MudDatePicker>().Instance.DateChanged.InvokeAsync(portal.Clock.GetUtcNow().UtcDateTime.Date.AddDays(7)));
        portal.WorkflowSaves.Hold();
        var creating = page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Delegate").Click());
        await portal.WorkflowSaves.Reached;

        await page.InvokeAsync(() => page.FindComponent<MudAutocomplete<PortalUserDto>>().Instance.ValueChanged.InvokeAsync(next));
        portal.WorkflowSaves.Release();
        await creating;

        page.WaitForAssertion(() => Assert.Contains("Besnik Hoxha", page.Find("section[aria-labelledby=delegation-heading]").TextContent));
        Assert.Equal(next, page.FindComponent<MudAutocomplete<PortalUserDto>>().Instance.GetState(s => s.Value));
    }
}

public sealed class TaskInboxPageTests_Sqlite(WorkflowsSqlitePortal portal) : TaskInboxPageTests<WorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class TaskInboxPageTests_PostgreSql(WorkflowsPostgreSqlPortal portal) : TaskInboxPageTests<WorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
