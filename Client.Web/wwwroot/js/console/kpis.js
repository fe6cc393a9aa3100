// The KPI tiles: open backlog, unassigned, at risk, breached today, mean time to accept, SLA compliance today.
import { t } from "../shared/i18n.js";
import { el, formatDuration, formatPercent, formatTime } from "../shared/format.js";

const tiles = [
  ["openBacklog", k => k.openBacklog],
  ["unassigned", k => k.unassigned],
  ["atRisk", k => k.atRisk, k => (k.atRisk > 0 ? "warn" : "")],
  ["breachedToday", k => k.breachedToday, k => (k.breachedToday > 0 ? "bad" : "")],
  ["meanTimeToAccept", k => (k.meanTimeToAcceptSeconds == null ? "–" : formatDuration(k.meanTimeToAcceptSeconds * 1000))],
  ["slaComplianceToday", k => formatPercent(k.slaComplianceToday),
    k => (k.slaComplianceToday != null && k.slaComplianceToday < 0.9 ? "bad" : "")],
];

export function renderKpis(container, kpis) {
  const k = kpis ?? {};
  container.replaceChildren(...tiles.map(([key, value, tone]) =>
    el("div", { class: `kpi ${kpis && tone ? tone(k) : ""}`, "data-testid": `kpi-${key}`, title: kpis?.at ? t("kpi.asOf", { time: formatTime(kpis.at) }) : "" },
      el("div", { class: "label" }, t(`kpi.${key}`)),
      el("div", { class: "value", "data-testid": `kpi-${key}-value` }, kpis ? String(value(k) ?? "–") : "–"))));
}
