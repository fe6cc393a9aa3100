// The landing page: language switch and health at a glance.
import { applyI18n, mountLanguageSwitch, onLanguageChange, t } from "./shared/i18n.js";
import { el } from "./shared/format.js";

applyI18n();
mountLanguageSwitch(document.getElementById("lang"));

let report = null;

function render() {
  const list = document.getElementById("health");
  if (!report) {
    list.replaceChildren(el("dt", {}, t("landing.health")), el("dd", {}, t("landing.healthUnknown")));
    return;
  }
  const rows = { overall: { status: report.status }, ...report.checks };
  list.replaceChildren(...Object.entries(rows).flatMap(([name, check]) => [
    el("dt", {}, t(`health.${name}`)),
    el("dd", { class: check.status }, t(`health.${check.status}`), check.description ? ` — ${check.description}` : ""),
  ]));
}

async function refresh() {
  try {
    report = await (await fetch("/health")).json();
  } catch {
    report = null;
  }
  render();
}

onLanguageChange(render);
refresh();
setInterval(refresh, 10_000);
