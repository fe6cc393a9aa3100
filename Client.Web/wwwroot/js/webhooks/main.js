// The webhooks page for admins: subscribe a URL to event types, pause, resume, rotate the secret, delete; read the
// delivery log and the dead-letter list, and replay dead messages. Everything through /api/webhooks.
import { Session } from "../shared/auth.js";
import { apiClient, describeError } from "../shared/api.js";
import { el } from "../shared/format.js";

const $ = id => document.getElementById(id);
const session = new Session("dispatch.webhooks.session");
const api = apiClient(() => session.freshToken(), () => showLogin("Signed out: the session expired."));

function showLogin(message) {
  session.signOut();
  $("page").hidden = true;
  $("sign-out").hidden = true;
  $("who").textContent = "";
  $("login").hidden = false;
  $("login-error").hidden = !message;
  $("login-error").textContent = message ?? "";
}

async function showPage() {
  $("login").hidden = true;
  $("page").hidden = false;
  $("sign-out").hidden = false;
  $("who").textContent = session.current?.name ?? "admin";
  const types = await api("/api/webhooks/event-types");
  $("event-types").replaceChildren(el("legend", { text: "Events" }),
    ...types.map(type => el("label", {}, el("input", { type: "checkbox", name: "eventTypes", value: type }), ` ${type}`)));
  await refresh();
}

function showError(error) {
  $("error").hidden = !error;
  $("error").textContent = error ? describeError(error) : "";
}

async function act(what) {
  try {
    showError(null);
    await what();
    await refresh();
  } catch (error) {
    showError(error);
  }
}

async function refresh() {
  const { items } = await api("/api/webhooks/subscriptions");
  $("subscriptions").replaceChildren(...items.map(row));
}

function row(s) {
  const path = `/api/webhooks/subscriptions/${encodeURIComponent(s.id)}`;
  const filters = [s.region && `region ${s.region}`, s.customerId && `customer ${s.customerId}`].filter(Boolean).join(", ") || "all";
  return el("tr", { dataset: { id: s.id } },
    el("td", {}, el("div", { text: s.url }), s.description ? el("small", { text: s.description }) : null),
    el("td", { text: s.eventTypes.join(", ") }),
    el("td", { text: filters }),
    el("td", { text: s.paused ? "paused" : "active" }),
    el("td", { text: s.pending }),
    el("td", { text: s.delivered }),
    el("td", { text: s.dead }),
    el("td", {},
      el("button", { type: "button", onclick: () => act(() => api(`${path}/${s.paused ? "resume" : "pause"}`, { method: "POST" })) },
        s.paused ? "Resume" : "Pause"),
      el("button", { type: "button", onclick: () => act(async () => {
        const rotated = await api(`${path}/rotate-secret`, { method: "POST", body: { overlapHours: 24 } });
        showSecret(`New secret (the old one signs too until ${rotated.previousSecretExpiresAt}): ${rotated.secret}`);
      }) }, "Rotate secret"),
      el("button", { type: "button", onclick: () => act(() => showDeliveries(s, path)) }, "Deliveries"),
      el("button", { type: "button", onclick: () => act(() => showDeadLetters(s, path)) }, "Dead letters"),
      el("button", { type: "button", class: "danger", onclick: () => {
        if (confirm(`Delete the subscription to ${s.url} with its queued messages?`)) act(() => api(path, { method: "DELETE" }));
      } }, "Delete")));
}

function showSecret(text) {
  $("secret").hidden = false;
  $("secret").textContent = text;
}

function table(headers, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, headers.map(h => el("th", { text: h })))),
    el("tbody", {}, rows.map(cells => el("tr", {}, cells.map(c => el("td", { text: c ?? "" }))))));
}

async function showDeliveries(s, path) {
  const { items } = await api(`${path}/deliveries?limit=200`);
  $("detail").hidden = false;
  $("detail-title").textContent = `Delivery log of ${s.url}`;
  $("detail-body").replaceChildren(table(["At", "Message", "Event", "Attempt", "Status", "Latency (ms)", "Error"],
    items.map(a => [a.at, a.messageId, a.eventType, a.attempt, a.statusCode, a.latencyMs?.toFixed(1), a.error])));
}

async function showDeadLetters(s, path) {
  const { items } = await api(`${path}/dead-letters`);
  $("detail").hidden = false;
  $("detail-title").textContent = `Dead letters of ${s.url}`;
  $("detail-body").replaceChildren(
    el("button", { type: "button", class: "primary", disabled: items.length === 0,
      onclick: () => act(async () => { await api(`${path}/dead-letters/replay`, { method: "POST", body: {} }); await showDeadLetters(s, path); }) },
      "Replay all"),
    table(["Message", "Event", "Stream", "Attempts", "First attempt", "Dead since", "Last status", "Last error"],
      items.map(m => [m.messageId, m.eventType, m.stream, m.attempts, m.firstAttemptAt, m.deadAt, m.lastStatus, m.lastError])));
}

$("create-form").addEventListener("submit", event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const optional = name => (form.get(name) || "").trim() || undefined;
  act(async () => {
    const created = await api("/api/webhooks/subscriptions", { method: "POST", body: {
      url: form.get("url"), eventTypes: form.getAll("eventTypes"),
      region: optional("region"), customerId: optional("customerId"), description: optional("description"),
    } });
    showSecret(`Signing secret (shown once; keep it in your receiver): ${created.secret}`);
    event.target.reset();
  });
});

$("login-form").addEventListener("submit", async event => {
  event.preventDefault();
  try {
    await session.signIn("admin");
    await showPage();
  } catch (error) {
    showLogin(describeError(error));
  }
});
$("sign-out").addEventListener("click", () => showLogin());

if (session.current?.role === "admin") showPage().catch(error => showLogin(describeError(error)));
else showLogin();
