// The dispatcher console: sign in, then a live board fed by /hubs/dispatch. After every (re)connect it
// reads Snapshot() and applies the pushes on top of it (pushes that arrive meanwhile are held and
// replayed), so a reconnect never leaves the board stale. Loaded by main.js once it knows the tab may need it.
// What the first view waits for starts at once: the hub connection and its snapshot. The board is drawn as soon as the
// snapshot is in (the map's markers on a plain canvas first), and only then does MapLibre run (see map.js).
import "./console-messages.js";
import { applyI18n, mountLanguageSwitch, onLanguageChange, t, tv } from "../shared/i18n.js";
import { goToSignIn, signInOptions } from "../shared/auth.js";
import { apiClient, describeError } from "../shared/api.js";
import { liveConnection, showConnectionState } from "../shared/live.js";
import { el, formatCountdown } from "../shared/format.js";
import { Board } from "./board.js";
import { LiveMap, engineerColors, engineerSwatch, heatUnits, slaColors, startMapLibrary } from "./map.js";
import { engineerClusterColor } from "./map-look.js";
import { acceptTicketDrops } from "./map-drop.js";
import { dragTicketRows } from "./ticket-drag.js";
import { AlertFeed } from "./alerts.js";
import { Inbox } from "./inbox.js";
import { renderKpis, tickNextDue } from "./kpis.js";
import { DataAge } from "./data-age.js";
import { Planner } from "./planner.js";
import { TicketList } from "./ticket-list.js";
import { TicketPanel } from "./ticket-panel.js";
import { EngineerPanel } from "./engineer-panel.js";
import { PhoneIntake } from "./intake.js";

const $ = id => document.getElementById(id);
const formatCountdownTo = iso => formatCountdown(Date.parse(iso) - Date.now());
const formatNumber = value => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10).toLocaleString();
let session = null;
let api = null;
let live = null;
// The hub connection main.js started, with the first snapshot on its way (used once, then null).
let firstConnection = null;

/**
 * Runs the console in this tab: the board at once when signedIn, else the development sign-in form (main.js sends
 * a tab without development tokens to the sign-in page before loading this module).
 */
export function runConsole(tabSession, signedIn, early) {
  session = tabSession;
  firstConnection = early;
  api = apiClient(() => session.freshToken(), () => signedOut(t("auth.expired")));
  applyI18n();
  mountLanguageSwitch($("lang"));
  $("login-form").addEventListener("submit", signInForm);
  $("sign-out").addEventListener("click", () => signedOut());
  if (signedIn) start();
  else showLogin();
}

function signedOut(message) {
  session.signOut();
  live?.stop();
  live = null;
  location.hash = "";
  showLogin(message);
}

async function showLogin(message) {
  // Outside Development there are no development tokens: signing in is the sign-in page's (a password).
  const { devTokens } = await signInOptions;
  if (!devTokens) {
    goToSignIn("console", message);
    return;
  }
  $("board").hidden = true;
  $("sign-out").hidden = true;
  $("who").textContent = "";
  $("login").hidden = false;
  const error = $("login-error");
  error.hidden = !message;
  error.textContent = message ?? "";
}

async function signInForm(event) {
  event.preventDefault();
  const role = new FormData(event.currentTarget).get("role");
  const button = event.currentTarget.querySelector("button");
  button.disabled = true;
  try {
    await session.signIn(role);
    start();
  } catch (error) {
    showLogin(`${t("auth.failed")}: ${describeError(error)}`);
  } finally {
    button.disabled = false;
  }
}

function start() {
  const me = session.current;
  $("login").hidden = true;
  $("board").hidden = false;
  $("sign-out").hidden = false;
  $("who").textContent = `${tv("role", me.role)} · ${me.name}`;

  const board = new Board();
  let focus = [];
  let firstSnapshot = null;

  const panel = $("panel");
  const panelBody = $("panel-body");
  const setState = showConnectionState($("connection"), t);

  const map = new LiveMap($("map"), {
    onTicket: id => openTicket(id),
    onEngineer: id => openEngineer(id),
    hoverCard: (layer, p) => hoverCard(layer, p),
    onMessage: text => {
      $("map-message").hidden = !text;
      $("map-message").textContent = text ?? "";
    },
  });

  function hoverCard(layer, p) {
    if (layer.endsWith("-clusters")) {
      return el("div", { "data-testid": "hover-card" }, el("strong", {}, String(p.point_count)), " ",
        t(layer.startsWith("tickets") ? "map.tickets" : "map.engineers"), el("div", { class: "muted" }, t("map.clusterHint")));
    }
    if (layer === "tickets") {
      const due = p.nextDueAt ? formatCountdownTo(p.nextDueAt) : "–";
      return el("div", { "data-testid": "hover-card", dataset: { ticketId: p.id } },
        el("strong", {}, p.id), " ", el("span", { class: `pill prio-${p.priority}` }, p.priority), el("div", {}, p.title),
        el("div", {}, tv("status", p.status), " · ", el("span", { class: `pill sla-${p.slaState}` }, tv("sla", p.slaState))),
        el("div", { class: "muted" }, p.nextDueMetric ? t("due.clock", { metric: tv("metric", p.nextDueMetric) }) : t("col.due"), ": ", due),
        p.engineerId ? el("div", { class: "muted" }, t("ticket.engineer"), ": ", p.engineerId) : null);
    }
    const marker = board.engineers.get(p.id);
    return el("div", { "data-testid": "hover-card", dataset: { engineerId: p.id } },
      el("strong", {}, p.name || p.id), el("div", {}, tv("engStatus", p.status)),
      el("div", { class: "muted" }, `${p.id} · ${t("plan.jobs", { count: p.jobs ?? 0 })}`),
      marker?.region ? el("div", { class: "muted" }, marker.region) : null);
  }

  async function acknowledge(alertId) {
    const note = live?.connected
      ? await live.invoke("Acknowledge", alertId)
      : await api(`/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: "POST" });
    if (note) board.push("alerts", [note]);
  }

  const feed = new AlertFeed($("alert-feed"), $("alert-count"), $("alerts-open-only"), {
    acknowledge,
    openTicket: id => openTicket(id),
    onError: error => alert(describeError(error)),
  });

  // The person's own notifications, beside the shared feed.
  const inbox = new Inbox({
    toggle: $("inbox-toggle"), badge: $("inbox-badge"), panel: $("inbox"), list: $("inbox-list"),
    api, openTicket: id => openTicket(id), describeError,
  });
  inbox.render();

  const list = new TicketList({
    form: $("ticket-filters"),
    body: $("ticket-rows"),
    count: $("ticket-count"),
    emptyNote: $("ticket-empty"),
    onOpen: id => openTicket(id),
    onFilter: filters => {
      renderKpis($("kpis"), board.kpis, filters.region);
      watch(filters.region ? [filters.region] : []);
    },
    scroller: $("ticket-scroll"),
    pendingButton: $("ticket-pending"),
    api,
    searchMore: $("ticket-search-more"),
  });
  const kpis = () => renderKpis($("kpis"), board.kpis, list.filters().region);

  /**
   * A ticket dropped on an engineer (on the plan view's timeline or on the map) is offered to them; say(text, error,
   * state) shows how it went where it was dropped. True when the offer was sent.
   */
  async function offerDropped(ticketId, engineerId, reason, say) {
    say(t("assign.sending", { engineer: engineerId }), false, "sending");
    try {
      await api(`/api/tickets/${encodeURIComponent(ticketId)}/assign`, { method: "POST", body: { engineerId, reason } });
      say(`${ticketId}: ${t("assign.offered", { engineer: engineerId })}`, false, "offered");
      return true;
    } catch (error) {
      say(`${ticketId}: ${describeError(error)}`, true, "error");
      return false;
    }
  }

  // The planning view: drop a ticket on an engineer to offer it; the answer shows above the roster.
  const planner = new Planner({
    queue: $("plan-queue"), roster: $("plan-roster"), status: $("plan-status"), api,
    onOpenTicket: id => openTicket(id),
    onOpenEngineer: id => openEngineer(id),
    onAssign: async (ticketId, engineerId) => {
      if (await offerDropped(ticketId, engineerId, "planned on the timeline", (...said) => planner.say(...said))) planner.follow(ticketId, engineerId);
    },
  });

  // The map takes the same drops (from the queue, a timeline or a ticket-list row) on an engineer's marker; the answer
  // shows over the map (a click hides it).
  const mapDropStatus = $("map-drop-status");
  const sayOnMap = (text, error = false, state = "") => {
    mapDropStatus.hidden = !text;
    mapDropStatus.textContent = text ?? "";
    mapDropStatus.classList.toggle("error", error);
    mapDropStatus.dataset.state = state;
  };
  mapDropStatus.addEventListener("click", () => sayOnMap(null));
  acceptTicketDrops(map, { offer: (ticketId, engineerId) => offerDropped(ticketId, engineerId, "placed on the map", sayOnMap), say: sayOnMap });
  dragTicketRows($("ticket-rows"));
  function showView(view) {
    $("view-list").setAttribute("aria-selected", String(view === "list"));
    $("view-plan").setAttribute("aria-selected", String(view === "plan"));
    $("ticket-scroll").hidden = view !== "list";
    $("plan").hidden = view !== "plan";
    planner.show(view === "plan");
  }
  $("view-list").addEventListener("click", () => showView("list"));
  $("view-plan").addEventListener("click", () => showView("plan"));
  const dataAge = new DataAge($("data-age"), $("connection"));

  const ticketPanel = new TicketPanel({
    body: panelBody, api, board, acknowledge, role: me.role,
    openEngineer: id => openEngineer(id),
    onShown: ticket => map.select(ticket.id),
  });
  const engineerPanel = new EngineerPanel({
    body: panelBody, api, board,
    openTicket: id => openTicket(id),
    locate: (lon, lat) => map.flyTo(lon, lat),
  });
  const intake = new PhoneIntake({ body: panelBody, api, openTicket: id => openTicket(id) });
  let shown = null; // ticketPanel, engineerPanel, intake or null

  $("new-ticket").addEventListener("click", () => {
    ticketPanel.close();
    engineerPanel.close();
    shown = intake;
    panel.hidden = false;
    list.select(null);
    history.replaceState(null, "", location.pathname + location.search);
    return intake.show();
  });

  function openTicket(id) {
    engineerPanel.close();
    shown = ticketPanel;
    panel.hidden = false;
    list.select(id);
    map.select(id);
    const marker = board.tickets.get(id);
    if (marker) map.flyTo(marker.lon, marker.lat);
    history.replaceState(null, "", `#ticket=${encodeURIComponent(id)}`);
    return ticketPanel.open(id);
  }

  function openEngineer(id) {
    ticketPanel.close();
    shown = engineerPanel;
    panel.hidden = false;
    history.replaceState(null, "", `#engineer=${encodeURIComponent(id)}`);
    return engineerPanel.open(id);
  }

  $("panel-close").addEventListener("click", () => {
    ticketPanel.close();
    engineerPanel.close();
    shown = null;
    panel.hidden = true;
    list.select(null);
    map.select(null);
    history.replaceState(null, "", location.pathname + location.search);
  });

  // Map controls.
  for (const radio of document.querySelectorAll("#heat-switch input")) {
    radio.addEventListener("change", () => {
      map.showHeat(radio.value);
      drawHeat();
      drawLegend();
    });
  }
  $("show-engineers").addEventListener("change", e => map.show("engineers", e.target.checked));
  $("show-tickets").addEventListener("change", e => map.show("tickets", e.target.checked));

  function heatLayer() {
    return document.querySelector("#heat-switch input:checked")?.value ?? "demand";
  }

  function drawHeat() {
    const layer = heatLayer();
    map.setHeat(layer === "none" ? [] : [...(board.heat[layer]?.values() ?? [])]);
    drawLegend();
  }

  function drawLegend() {
    const legend = $("legend");
    const layer = heatLayer();
    const heat = layer === "none" ? [] : [
      el("h4", {}, `${t("heat.title")}: ${t(`heat.${layer}`)}`),
      el("span", { class: "heat-scale", "data-testid": "heat-legend", dataset: { layer, scale: String(map.heatScale ?? 0) } },
        el("span", { class: "ramp", style: `background: linear-gradient(to right, ${LiveMap.rampColors(layer).join(", ")})` }),
        el("span", { class: "ends" }, el("span", {}, "0"),
          el("span", {}, `≥ ${formatNumber(map.heatScale ?? 0)} ${t(heatUnits[layer])} (p95)`))),
    ];
    legend.replaceChildren(...heat,
      el("h4", {}, t("map.engineers")),
      ...Object.keys(engineerColors).map(status => {
        const look = engineerSwatch(status);
        return el("span", { "data-testid": "legend-engineer", dataset: { status } },
          // A hollow marker (en route) shows its ring; the others their fill.
          el("span", { class: "swatch", style: `background:${look.fill}${look.fill === "#ffffff" ? `;border:3px solid ${look.ring}` : ""}` }),
          tv("engStatus", status));
      }),
      el("span", { "data-testid": "legend-engineer", dataset: { status: "cluster" } },
        el("span", { class: "swatch", style: `background:${engineerClusterColor}` }), t("map.engineerCluster")),
      el("h4", {}, t("map.tickets")),
      ...Object.entries(slaColors).filter(([s]) => s !== "met" && s !== "none").map(([state, color]) =>
        el("span", {}, el("span", { class: "swatch", style: `background:${color}` }), tv("sla", state))),
      el("span", { class: "muted legend-note" }, t("map.ticketClusterNote")));
  }

  // Rendering is coalesced: a burst of pushes redraws once.
  const dirty = new Set();
  let drawTimer = null;
  function redraw(part, now = false) {
    dirty.add(part);
    // A snapshot is drawn at once (the first view waits for it); pushes are coalesced.
    if (now) {
      clearTimeout(drawTimer);
      flush();
    } else if (!drawTimer) drawTimer = setTimeout(flush, 100);
  }
  function flush() {
    drawTimer = null;
    const parts = new Set(dirty);
    dirty.clear();
    if (parts.has("tickets")) {
      map.setTickets([...board.tickets.values()]);
      list.render(board);
    }
    if (parts.has("engineers")) map.setEngineers([...board.engineers.values()]);
    if (parts.has("tickets") || parts.has("engineers")) planner.render(board, list.filters().region);
    if (parts.has("heat")) drawHeat();
    if (parts.has("kpis")) kpis();
    if (parts.has("alerts")) feed.render(board, freshAlerts.splice(0));
  }
  const freshAlerts = [];
  board.addEventListener("tickets", e => {
    list.changed(e.detail.snapshot ? null : e.detail.ids);
    redraw("tickets", e.detail.snapshot);
    if (shown === ticketPanel && (e.detail.snapshot || e.detail.ids?.includes(ticketPanel.openId))) ticketPanel.refreshSoon();
  });
  board.addEventListener("engineers", e => {
    redraw("engineers", e.detail.snapshot);
    if (shown === engineerPanel && (e.detail.snapshot || e.detail.ids?.includes(engineerPanel.openId))) engineerPanel.refreshSoon();
  });
  board.addEventListener("alerts", e => {
    if (!e.detail.snapshot) freshAlerts.push(...(e.detail.fresh ?? []));
    redraw("alerts");
  });
  board.addEventListener("heat", () => redraw("heat"));
  board.addEventListener("kpis", () => redraw("kpis"));

  renderKpis($("kpis"), null);
  tickNextDue($("kpis"), []);
  feed.render(board);
  list.render(board);
  drawLegend();

  setInterval(() => {
    list.tick();
    tickNextDue($("kpis"), board.tickets.values());
    dataAge.render();
    if (shown) shown.tick();
  }, 1000);

  onLanguageChange(() => {
    kpis();
    dataAge.render();
    feed.render(board);
    inbox.render();
    list.relabel();
    drawLegend();
    $("who").textContent = `${tv("role", me.role)} · ${me.name}`;
    setState($("connection").dataset.state);
    shown?.render();
  });

  // Regions: polygons for the map and names for the filter.
  api("/api/regions")
    .then(collection => {
      map.setRegions(collection);
      list.setRegions((collection?.features ?? []).map(f => ({ id: f.properties?.id, name: f.properties?.name ?? f.properties?.id })).filter(r => r.id));
      list.render(board);
    })
    .catch(error => console.warn("regions:", describeError(error)));

  // MapLibre runs once the first snapshot's markers are painted on the preview (the frame after the preview's), or
  // without them when no snapshot has come in a few seconds.
  const startMapAfterPaint = () => requestAnimationFrame(() => setTimeout(startMapLibrary));
  setTimeout(startMapLibrary, 3000);

  async function snapshot(connection) {
    board.hold();
    const early = firstSnapshot;
    firstSnapshot = null;
    try {
      if (focus.length) await connection.invoke("Watch", focus).catch(error => console.warn("Watch:", error));
      const read = early && !focus.length ? await early : await connection.invoke("Snapshot");
      performance.mark("console:snapshot");
      board.applySnapshot(read);
      dataAge.heard();
    } catch (error) {
      board.release();
      console.warn("Snapshot:", error);
      setState("connected", `snapshot failed: ${describeError(error)}`);
    } finally {
      startMapAfterPaint();
    }
  }

  async function watch(regions) {
    focus = regions;
    if (live?.connected) {
      try {
        await live.invoke("Watch", regions);
        await snapshot(live.connection);
      } catch (error) {
        console.warn("Watch:", error);
      }
    }
  }

  // Pushes that come before the early snapshot wait for it.
  const early = firstConnection;
  firstConnection = null;
  firstSnapshot = early?.read ?? null;
  if (early) board.hold();
  live = liveConnection({
    early,
    url: "/hubs/dispatch",
    token: () => session.freshToken(),
    handlers: {
      ...Object.fromEntries(["tickets", "engineers", "alerts", "heat", "kpis"].map(kind => [kind, payload => {
        dataAge.heard();
        board.push(kind, payload);
      }])),
      notification: notification => inbox.receive(notification),
    },
    onUp: connection => Promise.all([snapshot(connection), inbox.load()]),
    onState: (state, detail) => {
      setState(state, detail);
      dataAge.setConnection(state);
      // A token that expired makes every reconnect fail: back to the login form.
      if (state === "disconnected" && !session.current) signedOut(t("auth.expired"));
    },
  });

  window.addEventListener("resize", () => map.resize());

  // A pulse every two seconds: an answer proves the data is current even when nothing changes.
  setInterval(() => {
    if (live?.connected) live.invoke("Pulse").then(() => dataAge.heard(), () => {});
  }, 2000);

  // A link like console.html#ticket=T-1 opens that ticket.
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("ticket")) openTicket(hash.get("ticket"));
  else if (hash.get("engineer")) openEngineer(hash.get("engineer"));

  // For tests and the browser console: what the page knows and shows.
  window.dispatchConsole = {
    board,
    map,
    get connected() { return live?.connected ?? false; },
    get dataAge() { return dataAge.state; },
    list,
    planner,
    sourceData: name => map.data[name],
    openTicket,
    openEngineer,
    inbox,
  };
}
