// The KPI tiles: open backlog, unassigned, at risk, breached today, mean time to accept, SLA compliance today, and
// the next clock to fall due. "Breached today" and "compliance today" come from one source (the board's tickets
// judged today: met on resolving, or breached), so they agree. Each tile opens the figure behind it, for the region the
// console is filtered to: the counts the search of the tickets they count (open, unassigned, at risk, breached today),
// the day's figures the reports page for the service's today (the window the board counts, in the service's time zone,
// sent with the KPIs).
import { t, tv } from "../shared/i18n.js";
import { el, formatDue, formatDuration, formatPercent, formatTime } from "../shared/format.js";

const tiles = [
  ["openBacklog", k => k.openBacklog],
  ["unassigned", k => k.unassigned],
  ["atRisk", k => k.atRisk, k => (k.atRisk > 0 ? "warn" : "")],
  ["breachedToday", k => k.breachedToday, k => (k.breachedToday > 0 ? "bad" : "")],
  ["meanTimeToAccept", k => (k.meanTimeToAcceptSeconds == null ? "–" : formatDuration(k.meanTimeToAcceptSeconds * 1000))],
  ["slaComplianceToday", k => formatPercent(k.slaComplianceToday),
    k => (k.slaComplianceToday != null && k.slaComplianceToday < 0.9 ? "bad" : "")],
];

/** The report a tile opens (reports.html?report=NAME&region=ID, with more parameters). */
export function reportLink(report, region, more = {}) {
  const query = new URLSearchParams({ report });
  if (region) query.set("region", region);
  for (const [key, value] of Object.entries(more)) if (value) query.set(key, value);
  return `reports.html?${query}`;
}

/** The ticket search (tickets.html) with these filters, for the region. */
function ticketsLink(filters, region) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, region })) if (value) query.set(key, value);
  return `tickets.html?${query}`;
}

/** Where each tile leads: the page that shows the figure it counts. */
export function tileLink(key, kpis, region) {
  const today = { from: kpis?.dayStart, to: kpis?.dayEnd };
  switch (key) {
    // The search knows the groups of statuses the board counts (TicketLifecycle on the server).
    case "openBacklog": return ticketsLink({ status: "open" }, region);
    case "unassigned": return ticketsLink({ status: "unassigned" }, region);
    case "atRisk": return ticketsLink({ status: "open", slaState: "warning" }, region);
    case "breachedToday": return ticketsLink({ breachedFrom: today.from, breachedTo: today.to }, region);
    case "meanTimeToAccept": return reportLink("time-to-accept", region, { ...today, groupBy: "none" });
    default: return reportLink("compliance", region, { ...today, groupBy: "none" });
  }
}

export function renderKpis(container, kpis, region = "") {
  const k = kpis ?? {};
  // The countdown is ticked every second, not with the KPIs: a redrawn tile keeps it rather than blinking to "–".
  const before = container.querySelector("[data-testid=kpi-nextDue]");
  container.replaceChildren(...tiles.map(([key, value, tone]) =>
    el("a", {
      class: `kpi ${kpis && tone ? tone(k) : ""}`, href: tileLink(key, kpis, region), "data-testid": `kpi-${key}`,
      title: `${t("kpi.report")}${kpis?.at ? ` · ${t("kpi.asOf", { time: formatTime(kpis.at) })}` : ""}`,
    },
      el("div", { class: "label" }, t(`kpi.${key}`)),
      el("div", { class: "value", "data-testid": `kpi-${key}-value` }, kpis ? String(value(k) ?? "–") : "–"))),
    el("a", { class: "kpi next-due", href: reportLink("at-risk", region), "data-testid": "kpi-nextDue", title: t("kpi.report") },
      el("div", { class: "label" }, t("kpi.nextDue"), " ", el("span", { class: "clock-name", "data-testid": "kpi-nextDue-clock" })),
      el("div", { class: "value", "data-testid": "kpi-nextDue-value" }, "–"),
      el("div", { class: "hint", "data-testid": "kpi-nextDue-ticket" })));
  const after = container.querySelector("[data-testid=kpi-nextDue]");
  if (!before || !before.dataset.ticketId) return;
  for (const part of [".clock-name", ".value", ".hint"]) after.querySelector(part).textContent = before.querySelector(part).textContent;
  after.dataset.ticketId = before.dataset.ticketId;
}

/** The next clock to fall due among the shown tickets: which clock, of which ticket, and a countdown (every second). */
export function tickNextDue(container, tickets) {
  const tile = container.querySelector("[data-testid=kpi-nextDue]");
  if (!tile) return;
  let next = null;
  for (const tk of tickets) {
    if (!tk.nextDueAt || tk.slaState === "paused") continue;
    const due = Date.parse(tk.nextDueAt);
    if (!next || due < next.due) next = { due, tk };
  }
  tile.querySelector(".clock-name").textContent = next?.tk.nextDueMetric ? `(${tv("metric", next.tk.nextDueMetric)})` : "";
  tile.querySelector(".value").textContent = next ? formatDue(next.due - Date.now()) : "–";
  tile.querySelector(".hint").textContent = next ? `${next.tk.id} · ${formatTime(new Date(next.due).toISOString())}` : t("kpi.nextDueNone");
  tile.dataset.ticketId = next?.tk.id ?? "";
}
