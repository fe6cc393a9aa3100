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

/** How long a WebSocket without negotiation may take to connect before the negotiated way is tried (a proxy that holds it). */
const directTimeoutMs = 5000;

/**
 * A hub connection that reconnects by itself with backoff (never giving up); not started yet.
 *
 * It connects over WebSockets without SignalR's negotiate request first (skipNegotiation: one round trip less, and on a
 * cold page the negotiate waited for one of HTTP/1.1's six connections behind the page's own requests). When that does
 * not connect (a proxy blocking WebSockets, a server not offering them, no answer within directTimeoutMs), or once
 * connected cannot reconnect, the page's handlers move to a negotiated connection, which falls back as SignalR does
 * (WebSockets, server-sent events, long polling) and is kept from then on. Callers see one connection throughout: on,
 * off, invoke, start, stop, state, onreconnecting, onreconnected, onclose.
 */
export function hubConnection(url, token) {
  if (!signalR) throw new Error("SignalR library missing: run Client.Web/build-web-assets.sh");
  return new FallbackHubConnection(url, token);
}

class FallbackHubConnection {
  #url;
  #token;
  #handlers = [];
  #listeners = { reconnecting: [], reconnected: [], close: [] };
  #current;
  #direct = true;
  #directUp = false;

  constructor(url, token) {
    this.#url = url;
    this.#token = token;
    this.#current = this.#build(true);
  }

  get state() {
    return this.#current.state;
  }

  on(name, handler) {
    this.#handlers.push([name, handler]);
    this.#current.on(name, handler);
  }

  off(name, handler) {
    this.#handlers = this.#handlers.filter(([n, h]) => n !== name || h !== handler);
    this.#current.off(name, handler);
  }

  invoke(method, ...args) {
    return this.#current.invoke(method, ...args);
  }

  onreconnecting(listener) { this.#listeners.reconnecting.push(listener); }

  onreconnected(listener) { this.#listeners.reconnected.push(listener); }

  onclose(listener) { this.#listeners.close.push(listener); }

  async start() {
    if (this.#direct) {
      const connection = this.#current;
      const started = connection.start();
      let timer;
      const timedOut = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no WebSocket within ${directTimeoutMs} ms`)), directTimeoutMs);
      });
      try {
        await Promise.race([started, timedOut]);
        this.#directUp = true;
        return;
      } catch (error) {
        // A connection that answers late is not used: stopped once its start settles.
        started.then(() => connection.stop(), () => {});
        console.info(`${this.#url}: WebSockets without negotiation did not connect (${error?.message ?? error}); negotiating`);
        this.#negotiateFromNowOn();
      } finally {
        clearTimeout(timer);
      }
    }
    await this.#current.start();
  }

  stop() {
    return this.#current.stop();
  }

  #negotiateFromNowOn() {
    const old = this.#current;
    for (const [name, handler] of this.#handlers) old.off(name, handler);
    this.#direct = false;
    this.#current = this.#build(false);
  }

  #build(direct) {
    const options = { accessTokenFactory: async () => (await this.#token()) ?? "" };
    if (direct) Object.assign(options, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });
    // A direct connection that could not connect is no error of the page's (the negotiated one follows): quiet until it is up.
    const logger = {
      log: (level, message) => {
        if (level >= (direct && !this.#directUp ? signalR.LogLevel.None : signalR.LogLevel.Warning)) {
          (level >= signalR.LogLevel.Error ? console.error : console.warn)(`[SignalR] ${message}`);
        }
      },
    };
    let gaveUp = false;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(this.#url, options)
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: ctx => {
          // A direct connection that fails to come back twice closes, and the next start negotiates.
          if (direct && ctx.previousRetryCount >= 2) {
            gaveUp = true;
            return null;
          }
          return backoff(ctx.previousRetryCount);
        },
      })
      .configureLogging(logger)
      .build();
    connection.serverTimeoutInMilliseconds = 30_000;
    connection.keepAliveIntervalInMilliseconds = 10_000;
    for (const [name, handler] of this.#handlers) connection.on(name, handler);
    const mine = listener => (...args) => {
      if (this.#current === connection) listener(...args);
    };
    connection.onreconnecting(mine(error => this.#listeners.reconnecting.forEach(l => l(error))));
    connection.onreconnected(mine(id => this.#listeners.reconnected.forEach(l => l(id))));
    connection.onclose(mine(error => {
      if (gaveUp) this.#negotiateFromNowOn();
      this.#listeners.close.forEach(l => l(error));
    }));
    return connection;
  }
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
