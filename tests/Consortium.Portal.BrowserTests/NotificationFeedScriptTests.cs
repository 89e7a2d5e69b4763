using System.Text.Json;
using Consortium.Portal.BrowserTests.Infrastructure;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The notification feed's browser script on its own, as the portal serves it, with a SignalR client that plays the
/// hub: which subjects it joins again after a reconnect. A real hub cannot be made to drop a connection on cue, and a
/// refused subject retried after every reconnect is invisible on a page.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class NotificationFeedScriptTests(PortalInBrowser portal)
{
    // The hub's words: a refused subject is a HubException, which the client passes on in its error's text; a call cut by
    // a dropped connection fails with the client's own text.
    private const string Script = """
        async () => {
          const calls = [];
          let reconnected;
          let dropsLeft = 1;
          window.signalR = {
            HubConnectionState: { Connected: "Connected" },
            HubConnectionBuilder: class {
              withUrl() { return this; }
              withAutomaticReconnect() { return this; }
              build() {
                return {
                  state: "Connected",
                  on() {}, onreconnecting() {}, onclose() {},
                  onreconnected(handler) { reconnected = handler; },
                  start: async () => {}, stop: async () => {},
                  invoke: async (method, topic, subjectId) => {
                    if (method !== "Watch") return;
                    calls.push(subjectId);
                    if (subjectId === "hidden") {
                      throw new Error("An unexpected error occurred invoking 'Watch' on the server. HubException: There is no such subject to watch.");
                    }
                    if (subjectId === "cut-off" && dropsLeft-- > 0) {
                      throw new Error("Invocation canceled due to the underlying connection being closed.");
                    }
                  },
                };
              }
            },
          };
          const told = [];
          const feed = { invokeMethodAsync: async (method, ...args) => { told.push([method, ...args].join(" ")); } };
          const script = await import("/_content/Consortium.Portal.Notifications/notifications.js");
          const watching = await script.connect(feed, "/hubs/notifications");
          await watching.watch("document", "seen");
          await watching.watch("document", "hidden");
          await watching.watch("document", "cut-off");
          const first = { calls: [...calls], joined: document.documentElement.dataset.liveWatching };
          calls.length = 0;
          told.length = 0;
          await reconnected();
          return JSON.stringify({ first, afterReconnect: { calls, told, joined: document.documentElement.dataset.liveWatching } });
        }
        """;

    [Fact]
    public async Task A_subject_the_hub_refuses_is_not_asked_again_after_a_reconnect_and_one_cut_off_by_the_connection_is()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        // Any portal page serves the script under the portal's Content-Security-Policy; the sign-in page needs no account.
        await PortalPages.OpenAsync(page, "/account/sign-in");

        using var result = JsonDocument.Parse(await page.EvaluateAsync<string>(Script));
        var first = result.RootElement.GetProperty("first");
        var after = result.RootElement.GetProperty("afterReconnect");

        Assert.Equal(["seen", "hidden", "cut-off"], Strings(first.GetProperty("calls")));
        Assert.Equal("1", first.GetProperty("joined").GetString());
        // The refused subject is left out; the one whose call the connection cut is joined now, and its page told to reload.
        Assert.Equal(["seen", "cut-off"], Strings(after.GetProperty("calls")));
        Assert.Equal(
            ["OnChanged document seen rejoined", "OnChanged document cut-off rejoined", "OnReconnected"],
            Strings(after.GetProperty("told")));
        Assert.Equal("2", after.GetProperty("joined").GetString());
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
