// The KPI tiles: open backlog, unassigned, at risk, breached today, mean time to accept, SLA compliance today, and
// the next clock to fall due. "Breached today" and "compliance today" come from one source (the board's tickets
// judged today: met on resolving, or breached), so they agree. Each tile opens the report behind it
// (reports.html?report=NAME&region=ID, the region the console is filtered to).
import { t, tv } from "../shared/i18n.js";
import { el, formatCountdown, formatDuration, formatPercent, formatTime } from "../shared/format.js";

const tiles = [
  ["openBacklog", "backlog", k => k.openBacklog],
  ["unassigned", "unassigned", k => k.unassigned],
  ["atRisk", "at-risk", k => k.atRisk, k => (k.atRisk > 0 ? "warn" : "")],
  ["breachedToday", "breaches", k => k.breachedToday, k => (k.breachedToday > 0 ? "bad" : "")],
  ["meanTimeToAccept", "time-to-accept", k => (k.meanTimeToAcceptSeconds == null ? "–" : formatDuration(k.meanTimeToAcceptSeconds * 1000))],
  ["slaComplianceToday", "compliance", k => formatPercent(k.slaComplianceToday),
    k => (k.slaComplianceToday != null && k.slaComplianceToday < 0.9 ? "bad" : "")],
];

/** The report a tile opens. */
export function reportLink(report, region) {
  const query = new URLSearchParams({ report });
  if (region) query.set("region", region);
  return `reports.html?${query}`;
}

export function renderKpis(container, kpis, region = "") {
  const k = kpis ?? {};
  container.replaceChildren(...tiles.map(([key, report, value, tone]) =>
    el("a", {
      class: `kpi ${kpis && tone ? tone(k) : ""}`, href: reportLink(report, region), "data-testid": `kpi-${key}`,
      title: `${t("kpi.report")}${kpis?.at ? ` · ${t("kpi.asOf", { time: formatTime(kpis.at) })}` : ""}`,
    },
      el("div", { class: "label" }, t(`kpi.${key}`)),
      el("div", { class: "value", "data-testid": `kpi-${key}-value` }, kpis ? String(value(k) ?? "–") : "–"))),
    el("a", { class: "kpi next-due", href: reportLink("at-risk", region), "data-testid": "kpi-nextDue", title: t("kpi.report") },
      el("div", { class: "label" }, t("kpi.nextDue"), " ", el("span", { class: "clock-name", "data-testid": "kpi-nextDue-clock" })),
      el("div", { class: "value", "data-testid": "kpi-nextDue-value" }, "–"),
      el("div", { class: "hint", "data-testid": "kpi-nextDue-ticket" })));
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
  tile.querySelector(".value").textContent = next ? formatCountdown(next.due - Date.now()) : "–";
  tile.querySelector(".hint").textContent = next ? `${next.tk.id} · ${formatTime(new Date(next.due).toISOString())}` : t("kpi.nextDueNone");
  tile.dataset.ticketId = next?.tk.id ?? "";
}
