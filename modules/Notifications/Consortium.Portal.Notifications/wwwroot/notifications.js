// The browser end of a tab's notification feed: one SignalR connection to /hubs/notifications (the official client,
// installed from npm at build time into lib/signalr), whose pushes are handed to the tab's Blazor circuit.
// The hub sends to the user's group, across instances through the Redis backplane, so every open tab of the user
// hears every push and every change of the unread count, wherever it is connected.
// The same connection carries the changes of the subjects the tab's page shows (a document): it joins each subject's
// group with "Watch" (the server checks the user may see it) and joins again after every reconnect, since a new
// connection is in no group; the page is then told "rejoined", as changes may have been missed meanwhile.

let clientLoading;

function loadClient() {
  if (window.signalR) {
    return Promise.resolve();
  }
  clientLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("./lib/signalr/signalr.min.js", import.meta.url).href;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("The SignalR client script could not be loaded."));
    document.head.appendChild(script);
  });
  return clientLoading;
}

// The tab's Blazor circuit hears the pushes only while its own connection is up. Blazor sends a call into .NET without
// waiting on its send, so a call made while that connection is down (the portal restarting: this hub's connection may
// come back before the circuit's) fails in a promise nobody can catch, an uncaught error in the page. Blazor marks its
// reconnect dialog with one class per state ("-hide" once the circuit is back): until then calls are held, and given to
// the circuit in order once it is back. A circuit that is rejected instead is gone with the page, which reconnect.js
// loads anew, so what it held is not needed.
const circuitDialogId = "components-reconnect-modal";
const circuitAway = () => {
  const dialog = document.getElementById(circuitDialogId);
  return !!dialog && [...dialog.classList].some(name => name.startsWith("components-reconnect-") && name !== "components-reconnect-hide");
};
const heldMost = 100;
const held = [];
let missedWhileAway = false;
let catchUp = () => [];

function notify(feed, method, ...args) {
  if (circuitAway()) {
    if (held.length < heldMost) {
      held.push(() => notify(feed, method, ...args));
    } else {
      missedWhileAway = true;
    }
    return Promise.resolve();
  }
  // A closed circuit (the tab navigated away) no longer listens; nothing is lost, the next page catches up.
  return feed.invokeMethodAsync(method, ...args).catch(() => {});
}

// Raised on the dialog itself, which need not exist yet (a tab that began on a static page): heard on the document.
document.addEventListener("components-reconnect-state-changed", async event => {
  if (event.detail?.state !== "hide") {
    return;
  }
  const calls = held.splice(0);
  // More came than were held: the circuit catches up as after a reconnect of this hub (the inbox, each watched subject).
  if (missedWhileAway) {
    missedWhileAway = false;
    calls.push(...catchUp());
  }
  for (const call of calls) {
    await call();
  }
}, true);

export async function connect(feed, hubPath) {
  await loadClient();
  const connection = new window.signalR.HubConnectionBuilder()
    .withUrl(hubPath)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(30000, 500 * 2 ** context.previousRetryCount) })
    .build();
  let stopped = false;
  const watched = new Map();
  const keyOf = (topic, subjectId) => topic + "/" + subjectId;

  connection.on("notification", push => notify(feed, "OnNotification", push));
  connection.on("unreadCount", count => notify(feed, "OnUnreadCount", count.unreadCount));
  connection.on("changed", change => notify(feed, "OnChanged", change.topic, change.subjectId, change.change));
  connection.on("signedOut", () => { stopped = true; connection.stop().catch(() => {}); });
  // Each call to the hub is made only while its connection is up (the client refuses it otherwise); what was skipped is
  // made again after the reconnect.
  const connected = () => connection.state === window.signalR.HubConnectionState.Connected;
  // The handshake is answered before the server has put this connection in its user's group; a call is served only
  // after that. Catching up before would leave a gap in which a notification is neither read nor pushed.
  const listening = () => connected() ? connection.invoke("Ping", Date.now()).catch(() => {}) : Promise.resolve();
  // The page's root says how many subjects this tab has joined, for tests that act once the page listens.
  const joined = new Set();
  const showJoined = () => { document.documentElement.dataset.liveWatching = String(joined.size); };
  // The hub refuses a subject the user may not see (or that is gone) with a HubException, which the client passes on
  // in the error's text. A refusal is final: the subject leaves the watch list, so it is neither asked again after
  // each reconnect nor reported "rejoined". Any other failure (the connection dropped mid-call) keeps it for the next
  // reconnect, and the page is still told "rejoined" so that it reloads what it shows.
  const join = subject => !connected() ? Promise.resolve() : connection.invoke("Watch", subject.topic, subject.subjectId)
    .then(() => { joined.add(keyOf(subject.topic, subject.subjectId)); showJoined(); })
    .catch(error => {
      if (/\bHubException\b/.test(String(error?.message))) {
        watched.delete(keyOf(subject.topic, subject.subjectId));
      }
    });
  async function rejoin() {
    for (const [key, subject] of [...watched]) {
      await join(subject);
      if (watched.has(key)) {
        await notify(feed, "OnChanged", subject.topic, subject.subjectId, "rejoined");
      }
    }
  }
  catchUp = () => [
    ...[...watched.values()].map(subject => () => notify(feed, "OnChanged", subject.topic, subject.subjectId, "rejoined")),
    () => notify(feed, "OnReconnected"),
  ];
  connection.onreconnected(async () => { await listening(); await rejoin(); await notify(feed, "OnReconnected"); });
  // A connection that is lost is in no group any more: nothing is joined until it comes back.
  connection.onreconnecting(() => { joined.clear(); showJoined(); });
  connection.onclose(() => { joined.clear(); showJoined(); if (!stopped) { startLater(); } });

  async function start() {
    try {
      await connection.start();
      await listening();
      await rejoin();
      document.documentElement.dataset.notificationsConnected = "true";
      await notify(feed, "OnReconnected");
    } catch {
      startLater();
    }
  }

  function startLater() {
    document.documentElement.dataset.notificationsConnected = "false";
    if (!stopped) {
      setTimeout(start, 5000);
    }
  }

  await start();
  return {
    watch: async (topic, subjectId) => {
      const subject = { topic, subjectId };
      watched.set(keyOf(topic, subjectId), subject);
      await join(subject);
    },
    unwatch: async (topic, subjectId) => {
      watched.delete(keyOf(topic, subjectId));
      joined.delete(keyOf(topic, subjectId));
      showJoined();
      if (connected()) {
        await connection.invoke("Unwatch", topic, subjectId).catch(() => {});
      }
    },
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
  };
}
