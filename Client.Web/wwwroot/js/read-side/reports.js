// The Reports page: KPIs with a daily series, time per stage and the bottleneck, the backlog, the 5-15-30
// views and the audit trail, each from GET /api/reports/... or /api/audit, with charts and CSV export.
// ?report=NAME&region=ID&from=&to= (what the console's KPI tiles link to) picks the view and the filters; from and to may be
// instants (the service's today, as the tiles count it) or dates.
import { el, fill, formatDuration, formatPercent, formatTime } from "../shared/format.js";
import { describeError, downloadCsv, instant, mountPage, query } from "./page.js";
import { auditTable } from "./audit.js";
import { drawChart } from "./charts.js";
import { w } from "./text.js";

const $ = id => document.getElementById(id);
const views = ["kpis", "stages", "backlog", "5-15-30", "audit"];

/** A tile or link may name the figure rather than the report: each figure lives in one report. */
const aliases = {
  mttr: "kpis", respond: "kpis", arrive: "kpis", resolve: "kpis", "first-time-fix": "kpis", ftf: "kpis", sla: "kpis",
  compliance: "kpis", breaches: "kpis", csat: "kpis", nps: "kpis", ces: "kpis", created: "kpis", resolved: "kpis",
  open: "backlog", age: "backlog", waiting: "backlog", bottleneck: "stages", stage: "stages", live: "5-15-30", team: "5-15-30",
  // The console's tiles: today's backlog and what waits for an engineer, at risk now, accept times.
  unassigned: "backlog", "at-risk": "5-15-30", "time-to-accept": "kpis",
};

let api = null;
let view = "kpis";
// From and to as instants from the link that opened the page, until their date fields are changed.
const exact = {};
let auditNext = null;
let auditItems = [];

function viewOf(name) {
  if (!name) return "kpis";
  const lower = name.toLowerCase();
  return views.includes(lower) ? lower : aliases[lower] ?? "kpis";
}

mountPage(started => {
  api = started;
  const url = new URLSearchParams(location.search);
  for (const [name, value] of url) {
    const input = $("filters").elements.namedItem(name);
    if (!input || !("value" in input)) continue;
    // An instant (the console's "today" in the service's time zone) is kept exactly; the date field shows its day.
    if ((name === "from" || name === "to") && value.includes("T") && !Number.isNaN(Date.parse(value))) {
      exact[name] = new Date(value).toISOString();
      input.value = localDate(exact[name]);
    } else input.value = value;
  }
  select(viewOf(url.get("report")));
}, () => show());

function select(name) {
  view = name;
  document.body.dataset.report = name;
  for (const tab of $("tabs").querySelectorAll("button")) tab.setAttribute("aria-selected", String(tab.dataset.report === name));
  show();
}

function values() {
  const form = Object.fromEntries(new FormData($("filters")).entries());
  const from = exact.from ?? (form.from ? instant(`${form.from}T00:00`) : "");
  const to = exact.to ?? (form.to ? instant(`${form.to}T00:00`) : "");
  const narrow = { region: form.region, priority: form.priority, serviceType: form.serviceType, tier: form.tier };
  switch (view) {
    case "kpis": return { path: "/api/reports/kpis", params: { from, to, ...narrow, engineerId: form.engineerId, groupBy: form.groupBy } };
    case "stages": return { path: "/api/reports/stages", params: { from, to, ...narrow, engineerId: form.engineerId } };
    case "backlog": return { path: "/api/reports/backlog", params: { ...narrow, engineerId: form.engineerId } };
    case "5-15-30": return { path: "/api/reports/5-15-30", params: narrow };
    default: return { path: "/api/audit", params: { stream: form.stream, type: form.type, actor: form.actor, from, to } };
  }
}

function url() {
  const { path, params } = values();
  return `${path}?${query(params)}`;
}

async function show(cursor) {
  const target = $("report");
  $("error").hidden = true;
  if (!cursor) fill(target, el("p", { class: "muted" }, w("loading")));
  try {
    const report = view === "audit"
      ? await api(`${url()}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}&limit=100`)
      : await api(url());
    target.dataset.view = view;
    ({ kpis: renderKpis, stages: renderStages, backlog: renderBacklog, "5-15-30": renderFiveFifteenThirty, audit: renderAudit })[view](target, report, cursor);
    target.dataset.ready = "true";
  } catch (error) {
    $("error").hidden = false;
    $("error").textContent = describeError(error);
    fill(target);
  }
}

const hours = seconds => (seconds == null ? null : seconds / 3600);
const seconds = value => (value == null ? "–" : formatDuration(value * 1000));
const number = value => (value == null ? "–" : Number(value).toFixed(2));

function kpiTable(rows, first = "col.group") {
  const columns = [
    [first, r => r.group], ["col.createdCount", r => r.created], ["col.resolvedCount", r => r.resolved], ["col.cancelled", r => r.cancelled],
    ["col.respond", r => seconds(r.meanSecondsToRespond)], ["col.arrive", r => seconds(r.meanSecondsToArrive)],
    ["col.mttr", r => seconds(r.meanSecondsToResolve)], ["col.mttrNet", r => seconds(r.meanSecondsToResolveExcludingWaiting)],
    ["col.ftf", r => formatPercent(r.firstTimeFixRate)], ["col.breached", r => breaches(r)], ["col.compliance", r => formatPercent(r.slaCompliance)],
    ["col.csat", r => number(r.meanCsat)], ["col.nps", r => number(r.nps)], ["col.ces", r => number(r.meanCes)], ["col.surveys", r => r.surveys],
  ];
  return el("table", { class: "grid numbers", dataset: { testid: "kpi-table" } },
    el("thead", {}, el("tr", {}, columns.map(([key]) => el("th", {}, w(key))))),
    el("tbody", {}, rows.map(r => el("tr", { dataset: { testid: "kpi-row", group: r.group } }, columns.map(([, value]) => el("td", {}, value(r)))))));
}

function breaches(row) {
  const clocks = Object.entries(row.breachesByClock ?? {}).map(([clock, n]) => `${clock} ${n}`).join(", ");
  return clocks ? `${row.breached} (${clocks})` : String(row.breached);
}

function canvas(testid) {
  return el("div", { class: "chart" }, el("canvas", { dataset: { testid } }));
}

function renderKpis(target, report) {
  const rows = report.groups;
  const chart = canvas("kpi-chart");
  fill(target,
    el("h2", {}, report.groupBy === "day" ? w("kpis.daily") : w("view.kpis"),
      el("span", { class: "count" }, ` ${formatTime(report.from)} – ${formatTime(report.to)} (${report.timeZone})`)),
    rows.length === 0 ? el("p", { class: "muted" }, w("noData")) : chart,
    kpiTable(rows));
  if (rows.length > 0) {
    drawChart(chart.firstChild, rows.map(r => r.group), [
      { label: w("col.createdCount"), data: rows.map(r => r.created) },
      { label: w("col.resolvedCount"), data: rows.map(r => r.resolved) },
      { label: `${w("col.mttr")} (h)`, data: rows.map(r => hours(r.meanSecondsToResolve)), type: "line" },
    ]);
  }
}

function renderStages(target, report) {
  const chart = canvas("stage-chart");
  fill(target,
    el("h2", {}, w("view.stages")),
    report.bottleneck ? el("p", { class: "notice", dataset: { testid: "bottleneck" } }, w("stages.bottleneck", { stage: report.bottleneck })) : null,
    report.stages.length === 0 ? el("p", { class: "muted" }, w("noData")) : chart,
    el("table", { class: "grid numbers" },
      el("thead", {}, el("tr", {}, ["col.stage", "col.tickets", "col.mean", "col.total"].map(k => el("th", {}, w(k))))),
      el("tbody", {}, report.stages.map(s => el("tr", { dataset: { stage: s.stage } },
        el("td", {}, s.stage), el("td", {}, s.tickets), el("td", {}, seconds(s.meanSeconds)), el("td", {}, seconds(s.totalSeconds)))))));
  if (report.stages.length > 0) {
    drawChart(chart.firstChild, report.stages.map(s => s.stage),
      [{ label: `${w("col.mean")} (h)`, data: report.stages.map(s => hours(s.meanSeconds)) }], { highlight: report.bottleneck });
  }
}

function renderBacklog(target, report) {
  const chart = canvas("backlog-chart");
  fill(target,
    el("h2", {}, w("backlog.open", { n: report.open })),
    report.statuses.length === 0 ? el("p", { class: "muted" }, w("noData")) : chart,
    el("table", { class: "grid numbers" },
      el("thead", {}, el("tr", {}, ["col.status", "col.tickets", "col.age", "col.oldest"].map(k => el("th", {}, w(k))))),
      el("tbody", {}, report.statuses.map(s => el("tr", {},
        el("td", {}, s.status), el("td", {}, s.tickets), el("td", {}, seconds(s.meanAgeSeconds)), el("td", {}, formatTime(s.oldestCreatedAt)))))));
  if (report.statuses.length > 0) {
    drawChart(chart.firstChild, report.statuses.map(s => s.status), [{ label: w("col.tickets"), data: report.statuses.map(s => s.tickets) }]);
  }
}

function renderFiveFifteenThirty(target, report) {
  const live = report.live;
  const tiles = [
    ["col.createdCount", live.created], ["col.resolvedCount", live.resolved], ["col.respond", seconds(live.meanSecondsToRespond)],
    ["col.compliance", formatPercent(live.slaCompliance)], ["col.breached", live.breached],
  ];
  const tiers = [...new Set(report.customers.current.concat(report.customers.previous).map(r => r.group))].sort();
  const of = (rows, tier, pick) => pick(rows.find(r => r.group === tier) ?? {});
  const chart = canvas("customers-chart");
  fill(target,
    el("h2", {}, w("v5.live")),
    el("div", { class: "tiles", dataset: { testid: "live-tiles" } }, tiles.map(([key, value]) => el("div", { class: "tile card" },
      el("span", { class: "muted" }, w(key)), el("strong", {}, value ?? "–")))),
    el("h2", {}, w("v5.team")),
    report.team.length === 0 ? el("p", { class: "muted" }, w("noData")) : kpiTable(report.team, "col.engineer"),
    el("h2", {}, w("v5.customers")),
    tiers.length === 0 ? el("p", { class: "muted" }, w("noData")) : chart,
    kpiTable(report.customers.current.map(r => ({ ...r, group: `${r.group || "–"} · ${w("v5.current")}` }))
      .concat(report.customers.previous.map(r => ({ ...r, group: `${r.group || "–"} · ${w("v5.previous")}` }))), "f.tier"));
  if (tiers.length > 0) {
    drawChart(chart.firstChild, tiers.map(t => t || "–"), [
      { label: `${w("col.compliance")} · ${w("v5.current")}`, data: tiers.map(t => of(report.customers.current, t, r => r.slaCompliance)) },
      { label: `${w("col.compliance")} · ${w("v5.previous")}`, data: tiers.map(t => of(report.customers.previous, t, r => r.slaCompliance)) },
      { label: `${w("col.csat")} · ${w("v5.current")}`, data: tiers.map(t => of(report.customers.current, t, r => r.meanCsat)), type: "line" },
    ]);
  }
}

function renderAudit(target, page, cursor) {
  auditItems = cursor ? auditItems.concat(page.items) : page.items;
  auditNext = page.nextCursor;
  fill(target,
    el("h2", {}, w("view.audit")),
    auditTable(auditItems),
    auditNext ? el("button", { type: "button", onclick: () => show(auditNext) }, w("tickets.more")) : null);
}

$("tabs").addEventListener("click", event => {
  const name = event.target.closest("button")?.dataset.report;
  if (name) select(name);
});
for (const name of ["from", "to"]) $("filters").elements.namedItem(name).addEventListener("input", () => delete exact[name]);

/** The browser's calendar day of an instant, as a date field's value. */
function localDate(iso) {
  const date = new Date(iso);
  const two = n => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

$("filters").addEventListener("submit", event => {
  event.preventDefault();
  show();
});
$("export").addEventListener("click", async () => {
  try {
    await downloadCsv(url(), `${view}.csv`);
  } catch (error) {
    $("error").hidden = false;
    $("error").textContent = describeError(error);
  }
});
