// The planning view: the unassigned queue beside the engineer roster, each engineer with a day timeline
// (from two hours ago to six hours ahead: their jobs by stage, travel, a break, and "now"). A ticket dragged from
// the queue (or from another engineer's timeline) onto an engineer is offered to them, like one click in the
// candidate table. From the press on a ticket to the end of its drag nothing is redrawn, so the drag starts from what
// was pressed and the drop lands where it was aimed.
import { t, tv } from "../shared/i18n.js";
import { el, formatCountdown } from "../shared/format.js";

const before = 2 * 3600_000;
const after = 6 * 3600_000;
const maxEngineers = 300;
const statusRank = { Available: 0, Offered: 1, EnRoute: 2, OnSite: 3, OnBreak: 4, Offline: 5 };
const stageOf = { Offered: "offered", Accepted: "planned", EnRoute: "travel", OnSite: "work", Waiting: "waiting" };

export class Planner {
  constructor({ queue, roster, status, onAssign, onOpenTicket, onOpenEngineer }) {
    this.queue = queue;
    this.roster = roster;
    this.status = status;
    this.onAssign = onAssign;
    this.onOpenTicket = onOpenTicket;
    this.onOpenEngineer = onOpenEngineer;
    this.dragging = false;
    // A press on a ticket holds the view until it is let go or becomes a drag: a redraw in between would replace the
    // element pressed on, and the browser starts no drag from an element that is gone (the drop would do nothing).
    this.pressed = false;
    for (const area of [queue, roster]) {
      area.addEventListener("pointerdown", event => {
        if (event.target.closest?.("[draggable=true]")) this.pressed = true;
      });
    }
    window.addEventListener("pointerup", () => this.#letGo());
    window.addEventListener("pointercancel", () => this.#letGo());
    this.visible = false;
    this.board = null;
    this.region = "";
  }

  show(visible) {
    this.visible = visible;
    if (visible) this.render(this.board, this.region);
  }

  render(board, region = this.region) {
    this.board = board;
    this.region = region;
    if (!board || !this.visible || this.dragging || this.pressed) return;
    const now = Date.now();
    const inRegion = x => !region || x.region === region;
    const tickets = [...board.tickets.values()].filter(inRegion);
    const unassigned = tickets.filter(tk => !tk.engineerId && tk.status !== "Resolved")
      .sort((a, b) => (a.nextDueAt ? Date.parse(a.nextDueAt) : Infinity) - (b.nextDueAt ? Date.parse(b.nextDueAt) : Infinity) || a.priority.localeCompare(b.priority));
    this.queue.replaceChildren(
      el("h3", {}, t("plan.queue"), " ", el("span", { class: "count", "data-testid": "queue-count" }, String(unassigned.length))),
      ...unassigned.slice(0, 200).map(tk => el("div", {
        class: `queue-item sla-${tk.slaState}`, draggable: "true", "data-testid": "queue-item", dataset: { ticketId: tk.id },
        ondragstart: event => this.#dragStart(event, tk.id), ondragend: () => this.#dragEnd(),
        ondblclick: () => this.onOpenTicket(tk.id),
      },
        el("strong", {}, tk.id), " ", el("span", { class: `pill prio-${tk.priority}` }, tk.priority), " ",
        el("span", { class: "muted" }, tk.title),
        el("div", { class: "due" }, tk.nextDueMetric ? tv("metric", tk.nextDueMetric) : "", " ",
          tk.nextDueAt ? formatCountdown(Date.parse(tk.nextDueAt) - now) : "–"))));

    const jobsOf = new Map();
    for (const tk of tickets) if (tk.engineerId) (jobsOf.get(tk.engineerId) ?? jobsOf.set(tk.engineerId, []).get(tk.engineerId)).push(tk);
    const engineers = [...board.engineers.values()].filter(inRegion)
      .sort((a, b) => (statusRank[a.status] ?? 9) - (statusRank[b.status] ?? 9) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const start = now - before;
    const span = before + after;
    const at = ms => `${Math.max(0, Math.min(100, ((ms - start) / span) * 100))}%`;
    const hours = [];
    for (let h = Math.ceil(start / 3600_000) * 3600_000; h < start + span; h += 3600_000) hours.push(h);
    this.roster.replaceChildren(
      el("div", { class: "roster-head" }, el("span", {}, t("plan.roster"), ` (${engineers.length})`),
        el("div", { class: "axis" }, ...hours.map(h => el("span", { style: `left:${at(h)}` },
          new Date(h).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }))))),
      ...engineers.slice(0, maxEngineers).map(e => {
        const jobs = jobsOf.get(e.id) ?? [];
        const blocks = jobs.map(tk => {
          // A job runs from its last change to when its next clock falls due (or an hour on, when none runs).
          const from = Math.max(start, Date.parse(tk.changedAt ?? tk.createdAt));
          const to = Math.max(from + 5 * 60_000, tk.nextDueAt ? Date.parse(tk.nextDueAt) : now + 3600_000);
          return el("span", {
            class: `block stage-${stageOf[tk.status] ?? "planned"}`, "data-testid": "timeline-job", draggable: "true",
            dataset: { ticketId: tk.id, stage: stageOf[tk.status] ?? "planned" },
            style: `left:${at(from)};width:calc(${at(to)} - ${at(from)})`,
            title: `${tk.id} · ${tv("status", tk.status)} · ${tk.title}`,
            ondragstart: event => this.#dragStart(event, tk.id), ondragend: () => this.#dragEnd(),
            onclick: () => this.onOpenTicket(tk.id),
          }, tk.id);
        });
        if (e.status === "OnBreak") {
          blocks.push(el("span", { class: "block stage-break", style: `left:${at(now)};width:calc(${at(now + 30 * 60_000)} - ${at(now)})` }, tv("engStatus", "OnBreak")));
        }
        return el("div", {
          class: `roster-row status-${e.status}`, "data-testid": "roster-row", dataset: { engineerId: e.id, status: e.status },
          ondragover: event => {
            event.preventDefault();
            event.currentTarget.classList.add("drop");
          },
          ondragleave: event => event.currentTarget.classList.remove("drop"),
          ondrop: event => {
            event.preventDefault();
            event.currentTarget.classList.remove("drop");
            const ticketId = event.dataTransfer.getData("text/x-dispatch-ticket") || event.dataTransfer.getData("text/plain");
            this.#dragEnd();
            if (ticketId) this.onAssign(ticketId, e.id);
          },
        },
          el("button", { type: "button", class: "link name", onclick: () => this.onOpenEngineer(e.id) }, e.name || e.id),
          el("span", { class: `pill eng-${e.status}` }, tv("engStatus", e.status)),
          el("div", { class: "timeline-bar" }, el("span", { class: "now", style: `left:${at(now)}` }), ...blocks));
      }));
  }

  /** The outcome of a drop, shown above the roster. */
  say(text, error = false, state = "") {
    this.status.hidden = !text;
    this.status.textContent = text ?? "";
    this.status.classList.toggle("error", error);
    this.status.dataset.state = state;
  }

  #dragStart(event, ticketId) {
    this.dragging = true;
    this.pressed = false;
    event.dataTransfer.setData("text/x-dispatch-ticket", ticketId);
    event.dataTransfer.setData("text/plain", ticketId);
    event.dataTransfer.effectAllowed = "move";
  }

  #letGo() {
    if (!this.pressed) return;
    this.pressed = false;
    setTimeout(() => this.render(), 0);
  }

  #dragEnd() {
    if (!this.dragging) return;
    this.dragging = false;
    setTimeout(() => this.render(), 0);
  }
}
