// The Tickets page: server-side search over every ticket ever opened (closed and cancelled too), from the
// read model (GET /api/tickets), with the filters of the API, cursor paging, CSV export, and a ticket's
// details and audit trail (GET /api/audit?stream=ticket:ID).
import { el, fill, formatTime } from "../shared/format.js";
import { describeError, downloadCsv, instant, mountPage, query } from "./page.js";
import { auditTable } from "./audit.js";
import { w } from "./text.js";

const $ = id => document.getElementById(id);
let api = null;
let shown = [];
let next = null;

mountPage(started => {
  api = started;
  const url = new URLSearchParams(location.search);
  for (const [name, value] of url) {
    const input = $("filters").elements.namedItem(name);
    if (!input || !("value" in input)) continue;
    // An instant with its offset (the console's "today" in the service's time zone) is shown in the browser's time.
    input.value = input.type === "datetime-local" && /[zZ]|[+-]\d\d:\d\d$/.test(value) ? localDateTime(value) : value;
  }
  search();
  if (url.get("ticket")) open(url.get("ticket"));
}, () => render());

/** An instant as a datetime-local field's value in the browser's time zone ("2026-12-02T00:00"). */
function localDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const two = n => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

function filters() {
  const form = new FormData($("filters"));
  const values = Object.fromEntries(form.entries());
  for (const name of ["createdFrom", "createdTo", "breachedFrom", "breachedTo"]) values[name] = instant(values[name]);
  return values;
}

async function search(cursor) {
  $("error").hidden = true;
  try {
    const page = await api(`/api/tickets?${query({ ...filters(), limit: 50, cursor })}`);
    shown = cursor ? shown.concat(page.items) : page.items;
    next = page.nextCursor;
    render();
  } catch (error) {
    $("error").hidden = false;
    $("error").textContent = describeError(error);
  }
}

function render() {
  fill($("rows"), shown.map(t => el("tr", {
    dataset: { testid: "ticket-result", ticketId: t.ticketId, status: t.status }, tabindex: 0,
    onclick: () => open(t.ticketId, t), onkeydown: e => e.key === "Enter" && open(t.ticketId, t),
  },
  el("td", {}, t.ticketId), el("td", {}, t.title ?? "–"), el("td", { class: `status status-${t.status}` }, t.status),
  el("td", {}, t.priority ?? "–"), el("td", {}, t.region ?? "–"), el("td", {}, t.customerId ?? "–"),
  el("td", {}, t.engineerId ?? "–"), el("td", { class: `sla sla-${t.slaState}` }, t.slaState),
  el("td", {}, formatTime(t.createdAt)), el("td", {}, formatTime(t.resolvedAt)))));
  $("summary").textContent = shown.length === 0 ? w("tickets.none") : w("tickets.shown", { n: shown.length });
  $("more").hidden = !next;
}

async function open(ticketId, row) {
  const body = $("panel-body");
  $("panel").hidden = false;
  $("panel").dataset.ticketId = ticketId;
  fill(body, el("p", { class: "muted" }, w("loading")));
  try {
    const found = row ?? shown.find(t => t.ticketId === ticketId);
    const trail = await api(`/api/audit?${query({ stream: `ticket:${ticketId}`, limit: 200 })}`);
    const facts = found ? [
      ["col.status", found.status], ["col.priority", found.priority], ["col.region", found.region], ["col.customer", found.customerId],
      ["col.engineer", found.engineerId], ["col.sla", `${found.slaState}${found.breachedClocks?.length ? ` (${found.breachedClocks.join(", ")})` : ""}`],
      ["col.created", formatTime(found.createdAt)], ["col.resolved", formatTime(found.resolvedAt)],
    ] : [];
    fill(body,
      el("h2", { dataset: { testid: "ticket-detail-id" } }, ticketId),
      found?.title ? el("p", {}, found.title) : null,
      el("dl", { class: "facts" }, facts.flatMap(([key, value]) => [el("dt", {}, w(key)), el("dd", { dataset: { fact: key } }, value ?? "–")])),
      el("p", {},
        found?.customerId ? el("a", { href: `reports.html?report=audit&stream=customer:${encodeURIComponent(found.customerId)}` }, w("panel.customerAudit")) : null,
        " ",
        found?.engineerId ? el("a", { href: `reports.html?report=audit&actor=${encodeURIComponent(found.engineerId)}` }, w("panel.engineerAudit")) : null),
      el("h3", {}, w("panel.audit")),
      auditTable(trail.items));
  } catch (error) {
    fill(body, el("p", { class: "error" }, describeError(error)));
  }
}

$("filters").addEventListener("submit", event => {
  event.preventDefault();
  search();
});
$("more").addEventListener("click", () => search(next));
$("panel-close").addEventListener("click", () => { $("panel").hidden = true; });
$("export").addEventListener("click", async () => {
  try {
    await downloadCsv(`/api/tickets?${query(filters())}`, "tickets.csv");
  } catch (error) {
    $("error").hidden = false;
    $("error").textContent = describeError(error);
  }
});
