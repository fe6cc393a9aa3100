// A SignalR connection that keeps itself up: automatic reconnect with backoff (never giving up), and a
// restart with backoff when the connection closes anyway. After every (re)connect it calls onUp, where a
// page re-reads the state it shows (a snapshot, or the engineer's work), so nothing missed is lost.
// signalr.min.js (from npm, copied to /lib by build-web-assets.sh) is loaded as a classic script.

const signalR = window.signalR;

/** Backoff for reconnecting: 0, 1, 2, 4, 8, 15, 15, ... seconds (with a little jitter). */
function backoff(attempt) {
  if (attempt === 0) return 0;
  const base = Math.min(15_000, 1000 * 2 ** (attempt - 1));
  return base + Math.floor(Math.random() * 300);
}

/** A hub connection that reconnects by itself with backoff (never giving up); not started yet. */
export function hubConnection(url, token) {
  if (!signalR) throw new Error("SignalR library missing: run Client.Web/build-web-assets.sh");
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url, { accessTokenFactory: async () => (await token()) ?? "" })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => backoff(ctx.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.serverTimeoutInMilliseconds = 30_000;
  connection.keepAliveIntervalInMilliseconds = 10_000;
  return connection;
}

/**
 * Starts a connection before the page that uses it has loaded, and reads what that page first needs (first, e.g. a
 * snapshot) as soon as it is up. Pushes of the given kinds that arrive before the page listens are kept, in order,
 * and handed to the page's handlers by liveConnection({ early }).
 */
export function startEarly(connection, kinds, first) {
  const held = [];
  const holders = Object.fromEntries(kinds.map(kind => [kind, payload => held.push([kind, payload])]));
  for (const [kind, holder] of Object.entries(holders)) connection.on(kind, holder);
  const started = connection.start();
  const read = started.then(() => first(connection));
  read.catch(() => {}); // the page sees the failure when it asks for it
  return {
    connection,
    started,
    read,
    /** Stops keeping pushes; those kept so far. */
    release() {
      for (const [kind, holder] of Object.entries(holders)) connection.off(kind, holder);
      return held.splice(0);
    },
  };
}

/**
 * @param {object} options
 * @param {string} options.url hub path, e.g. "/hubs/dispatch"
 * @param {() => string|null|Promise<string|null>} options.token the bearer token, renewed when due (sent by SignalR as
 *   access_token on every connect and reconnect: the server closes a connection when its token expires)
 * @param {ReturnType<typeof startEarly>} [options.early] a connection started already (url and token are then its own)
 * @param {Record<string, Function>} options.handlers server→client methods
 * @param {(connection) => Promise<void>} options.onUp called after each connect and reconnect
 * @param {(state: "connecting"|"connected"|"reconnecting"|"disconnected", detail?: string) => void} options.onState
 */
export function liveConnection({ url, token, early, handlers, onUp, onState }) {
  const connection = early?.connection ?? hubConnection(url, token);
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
  // Pushes that came before these handlers, in the order they came.
  for (const [name, payload] of early?.release() ?? []) handlers[name]?.(payload);
  let starting = early?.started ?? null;

  let stopped = false;
  let attempt = 0;
  let timer = null;

  async function up() {
    onState("connected");
    try {
      await onUp(connection);
    } catch (error) {
      console.warn("after connect:", error);
    }
  }

  async function start() {
    if (stopped) return;
    clearTimeout(timer);
    onState(attempt === 0 ? "connecting" : "reconnecting");
    try {
      const first = starting;
      starting = null;
      await (first ?? connection.start());
      attempt = 0;
      await up();
    } catch (error) {
      attempt++;
      const delay = Math.max(1000, backoff(attempt));
      onState("disconnected", String(error?.message ?? error));
      timer = setTimeout(start, delay);
    }
  }

  connection.onreconnecting(error => onState("reconnecting", error?.message));
  connection.onreconnected(() => up());
  connection.onclose(error => {
    if (stopped) return;
    attempt++;
    // Not "disconnected" yet: a connection closed because its token expired comes back with a renewed one.
    onState("reconnecting", error?.message);
    timer = setTimeout(start, Math.max(1000, backoff(attempt)));
  });

  start();

  return {
    connection,
    get connected() {
      return connection.state === signalR.HubConnectionState.Connected;
    },
    invoke: (method, ...args) => connection.invoke(method, ...args),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await connection.stop();
    },
  };
}

/** Shows a connection state in an element (data-state drives its colour; tests read it too). */
export function showConnectionState(element, t) {
  return (state, detail) => {
    element.dataset.state = state;
    element.textContent = t(`conn.${state}`);
    element.title = detail ?? "";
  };
}
