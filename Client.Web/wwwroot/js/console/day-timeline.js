// An engineer's day on a bar, as GET /api/engineers/{id}/day tells it: the shift as the bar's lit background, breaks,
// travel legs (the current one dashed on to its estimated arrival), work on site and accepted jobs not yet started.
// The plan view's roster rows and the engineer panel draw it with the same function, so they never disagree.
import { t } from "../shared/i18n.js";
import { el } from "../shared/format.js";

const layer = { shift: 0, break: 1, planned: 2, travel: 2, work: 2 };

/** A function from a time (ms) to a left offset in % of the window [start, end). */
export function scale(start, end) {
  return ms => Math.max(0, Math.min(100, ((ms - start) / (end - start)) * 100));
}

/**
 * The day's segments as absolutely placed elements for a bar spanning [start, end). Jobs get the ticket's id as their
 * label; `jobAttributes(segment)` may add attributes (e.g. dragging) to the job blocks.
 */
export function daySegments(day, start, end, now, jobAttributes = () => ({})) {
  const at = scale(start, end);
  const blocks = [];
  for (const s of [...(day?.segments ?? [])].sort((a, b) => (layer[a.kind] ?? 3) - (layer[b.kind] ?? 3))) {
    const from = Date.parse(s.from);
    const to = s.to ? Date.parse(s.to) : now;
    if (to <= start || from >= end) continue;
    const left = at(from);
    const width = Math.max(at(to) - left, s.kind === "shift" ? 0 : 0.4);
    const label = t(`day.${s.kind}`);
    const job = s.ticketId != null;
    const title = `${label}${s.ticketId ? ` · ${s.ticketId}` : ""} · ${clock(from)}–${s.to ? clock(to) : t("day.now")}`;
    blocks.push(el("span", {
      class: `block day-${s.kind} stage-${s.kind}${s.to ? "" : " open"}`, "data-testid": "day-segment",
      dataset: job ? { kind: s.kind, ticketId: s.ticketId, from: s.from, to: s.to ?? "" } : { kind: s.kind, from: s.from, to: s.to ?? "" },
      style: `left:${left}%;width:${width}%`, title, ...(job ? jobAttributes(s) : {}),
    }, s.kind === "shift" ? "" : (s.ticketId ?? label)));
    if (s.estimatedTo) {
      const eta = Date.parse(s.estimatedTo);
      if (eta > to && to < end) {
        blocks.push(el("span", {
          class: "block day-eta", "data-testid": "day-eta", dataset: { ticketId: s.ticketId ?? "", at: s.estimatedTo },
          style: `left:${at(to)}%;width:${Math.max(at(eta) - at(to), 0.4)}%`,
          title: t("day.eta", { time: clock(eta) }),
        }));
      }
    }
  }
  return blocks;
}

/** Hour ticks for an axis over [start, end). */
export function hourTicks(start, end) {
  const at = scale(start, end);
  const ticks = [];
  const step = end - start > 12 * 3600_000 ? 3 * 3600_000 : 3600_000;
  for (let h = Math.ceil(start / step) * step; h < end; h += step) ticks.push(el("span", { style: `left:${at(h)}%` }, clock(h)));
  return ticks;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
