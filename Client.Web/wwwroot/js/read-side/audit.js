// The audit trail as a table: when, what, who (and in which role), why, and the event's details.
import { el, formatTime } from "../shared/format.js";
import { w } from "./text.js";

export function auditTable(items) {
  if (items.length === 0) return el("p", { class: "muted" }, w("noData"));
  return el("table", { class: "grid audit", dataset: { testid: "audit-trail" } },
    el("thead", {}, el("tr", {}, ["col.at", "col.stream", "col.type", "col.actor", "col.why"].map(k => el("th", {}, w(k))))),
    el("tbody", {}, items.map(e => el("tr", { dataset: { testid: "audit-event", type: e.type } },
      el("td", {}, formatTime(e.at)), el("td", {}, e.stream), el("td", {}, e.type),
      el("td", {}, `${e.actorName} (${e.actorRole})`),
      el("td", { class: "why" }, e.data?.why ?? summary(e.data))))));
}

/** A short line of an event's details, for events without a reason. */
function summary(data) {
  const details = data?.details ?? data ?? {};
  return Object.entries(details).filter(([, v]) => v != null && typeof v !== "object").slice(0, 4)
    .map(([k, v]) => `${k}: ${v}`).join(", ");
}
