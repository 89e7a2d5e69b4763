using Consortium.Portal.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A deploy's stop (SIGTERM) while people have the portal open: their circuits and the notifications hub hold
/// WebSockets, which the web server waits for. The stop must end by itself, not by running out the host's budget.
/// </summary>
public sealed class GracefulStopTests(GracefulStopTests.PortalWithStopLog portal, ITestOutputHelper output)
    : IClassFixture<GracefulStopTests.PortalWithStopLog>
{
    private const string Lead = "lead.bprg@demo.portal";
    private const string Member = "member1.bprg@demo.portal";

    [Fact]
    public async Task A_stop_with_signed_in_pages_open_ends_by_itself_with_exit_code_0()
    {
        await using var lead = await SignedInPerson.StartAsync(portal, Lead);
        await using var member = await SignedInPerson.StartAsync(portal, Member);
        foreach (var page in new[] { lead.Page, member.Page })
        {
            // Both connections a page holds are up: its circuit and the notifications hub.
            await PortalPages.ReadyAsync(page);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        }
        var before = portal.Portal.Output.Length;

        var restart = await portal.Portal.RestartAsync();

        var stop = portal.Portal.Output[before..];
        stop = stop[..Math.Max(0, stop.IndexOf("--- stopped by SIGTERM", StringComparison.Ordinal))];
        output.WriteLine($"The portal stopped in {restart.Stopping.TotalSeconds:0.0} s (exit code {restart.ExitCode}).");
        output.WriteLine(stop);
        Assert.Equal(0, restart.ExitCode);
        // GracefulStopLog's lines: the stop ended by itself, not when the host's budget ran out (which, past the web
        // server's wait for open WebSockets, was then blamed on the job server: "did not stop within 15 s").
        // (Matched short of their apostrophes, which the JSON log writes as \u0027.)
        Assert.Contains("services stopped in", stop, StringComparison.Ordinal);
        Assert.DoesNotContain("The stop ran out the host", stop, StringComparison.Ordinal);
        Assert.DoesNotContain("shutdown timeout ran out while", stop, StringComparison.Ordinal);
        Assert.DoesNotContain("did not stop within", stop, StringComparison.Ordinal);
    }

    /// <summary>The portal of this class alone (it restarts it), logging what its stop waits for.</summary>
    public sealed class PortalWithStopLog : PortalInBrowser
    {
        protected override Task<IReadOnlyDictionary<string, string>> PrepareSettingsAsync()
            => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
            {
                ["Logging__LogLevel__Microsoft.Extensions.Hosting"] = "Debug",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.Http.Connections"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.SignalR"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.Components.Server"] = "Debug",
            });
    }
}
