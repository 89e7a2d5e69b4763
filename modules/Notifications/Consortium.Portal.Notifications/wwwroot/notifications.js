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

function notify(feed, method, ...args) {
  // A closed circuit (the tab navigated away or lost its server) no longer listens; nothing is lost, the next page catches up.
  return feed.invokeMethodAsync(method, ...args).catch(() => {});
}

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
  connection.on("signedOut", () => { stopped = true; connection.stop(); });
  // The handshake is answered before the server has put this connection in its user's group; a call is served only
  // after that. Catching up before would leave a gap in which a notification is neither read nor pushed.
  const listening = () => connection.invoke("Ping", Date.now()).catch(() => {});
  // The page's root says how many subjects this tab has joined, for tests that act once the page listens.
  const joined = new Set();
  const showJoined = () => { document.documentElement.dataset.liveWatching = String(joined.size); };
  // The hub refuses a subject the user may not see (or that is gone) with a HubException, which the client passes on
  // in the error's text. A refusal is final: the subject leaves the watch list, so it is neither asked again after
  // each reconnect nor reported "rejoined". Any other failure (the connection dropped mid-call) keeps it for the next
  // reconnect, and the page is still told "rejoined" so that it reloads what it shows.
  const join = subject => connection.invoke("Watch", subject.topic, subject.subjectId)
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
      if (connection.state === window.signalR.HubConnectionState.Connected) {
        await join(subject);
      }
    },
    unwatch: async (topic, subjectId) => {
      watched.delete(keyOf(topic, subjectId));
      joined.delete(keyOf(topic, subjectId));
      showJoined();
      if (connection.state === window.signalR.HubConnectionState.Connected) {
        await connection.invoke("Unwatch", topic, subjectId).catch(() => {});
      }
    },
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
  };
}
