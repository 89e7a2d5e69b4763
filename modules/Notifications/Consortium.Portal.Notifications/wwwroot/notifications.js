// The browser end of a tab's notification feed: one SignalR connection to /hubs/notifications (the official client,
// installed from npm at build time into lib/signalr), whose pushes are handed to the tab's Blazor circuit.
// The hub sends to the user's group, across instances through the Redis backplane, so every open tab of the user
// hears every push and every change of the unread count, wherever it is connected.

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

  connection.on("notification", push => notify(feed, "OnNotification", push));
  connection.on("unreadCount", count => notify(feed, "OnUnreadCount", count.unreadCount));
  connection.on("signedOut", () => { stopped = true; connection.stop(); });
  // The handshake is answered before the server has put this connection in its user's group; a call is served only
  // after that. Catching up before would leave a gap in which a notification is neither read nor pushed.
  const listening = () => connection.invoke("Ping", Date.now()).catch(() => {});
  connection.onreconnected(async () => { await listening(); await notify(feed, "OnReconnected"); });
  connection.onclose(() => { if (!stopped) { startLater(); } });

  async function start() {
    try {
      await connection.start();
      await listening();
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
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
  };
}
