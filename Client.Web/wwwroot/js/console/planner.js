// The planning view: the unassigned queue beside the engineer roster, each engineer with their day from two hours ago
// to six hours ahead (shift, breaks, travel, work, planned jobs: GET /api/engineers/{id}/day, drawn by day-timeline.js
// like the engineer panel's), and "now". The roster is searched (name, id, status, region; skill:tag asks the server)
// and paged, so every one of 10,000 engineers can be reached. A ticket dragged from the queue (or from another
// engineer's timeline) onto an engineer is offered to them, like one click in the candidate table, and the status
// line follows the offer until it is accepted or lapses. From the press on a ticket to the end of its drag nothing is
// redrawn, so the drag starts from what was pressed and the drop lands where it was aimed.
import { t, tv } from "../shared/i18n.js";
import { el, formatCountdown } from "../shared/format.js";
import { describeError } from "../shared/api.js";
import { daySegments, hourTicks, scale } from "./day-timeline.js";
import { droppedTicket, startTicketDrag } from "./ticket-drag.js";

const before = 2 * 3600_000;
const after = 6 * 3600_000;
const pageSize = 100;
// A day read is used for a minute, or until the engineer's status or job count changes.
const dayFresh = 60_000;
const daysAtOnce = 6;
const statusRank = { Available: 0, Offered: 1, EnRoute: 2, OnSite: 3, OnBreak: 4, Offline: 5 };
const stageOf = { Offered: "offered", Accepted: "planned", EnRoute: "travel", OnSite: "work", Waiting: "waiting" };

export class Planner {
  constructor({ queue, roster, status, api, onAssign, onOpenTicket, onOpenEngineer }) {
    this.queue = queue;
    this.roster = roster;
    this.status = status;
    this.api = api;
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
    this.page = 0;
    // Engineer id → { day, readAt, key } and the ids being read.
    this.days = new Map();
    this.reading = new Set();
    this.waiting = [];
    // skill tag → Set of engineer ids that have it (null while being asked).
    this.skills = new Map();
    this.offer = null;
    // The search box and pager sit outside the redrawn roster, so typing is never interrupted by a redraw.
    this.search = el("input", {
      type: "search", class: "roster-search", "data-testid": "roster-search", placeholder: t("plan.search"), "aria-label": t("plan.search"),
      oninput: () => {
        this.page = 0;
        this.#askSkills();
        this.render();
      },
    });
    this.pager = el("span", { class: "roster-pager" });
    roster.before(el("div", { class: "roster-tools" }, this.search, this.pager));
  }

  show(visible) {
    this.visible = visible;
    if (visible) this.render(this.board, this.region);
  }

  /** Follows an offer made from the plan: the status line says when it is accepted, or declined or expired. */
  follow(ticketId, engineerId) {
    this.offer = { ticketId, engineerId, seen: false };
    this.#followOffer();
  }

  render(board = this.board, region = this.region) {
    this.board = board;
    this.region = region;
    this.#followOffer();
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
    const matches = this.#matcher();
    const engineers = [...board.engineers.values()].filter(e => inRegion(e) && matches(e))
      .sort((a, b) => (statusRank[a.status] ?? 9) - (statusRank[b.status] ?? 9) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const pages = Math.max(1, Math.ceil(engineers.length / pageSize));
    this.page = Math.min(this.page, pages - 1);
    const shown = engineers.slice(this.page * pageSize, (this.page + 1) * pageSize);
    this.pager.replaceChildren(
      el("button", { type: "button", class: "link", "data-testid": "roster-prev", disabled: this.page === 0, onclick: () => this.#turn(-1) }, "‹"),
      el("span", { "data-testid": "roster-range", dataset: { count: String(engineers.length) } },
        t("plan.range", { from: engineers.length ? this.page * pageSize + 1 : 0, to: this.page * pageSize + shown.length, count: engineers.length })),
      el("button", { type: "button", class: "link", "data-testid": "roster-next", disabled: this.page >= pages - 1, onclick: () => this.#turn(1) }, "›"));
    const start = now - before;
    const end = now + after;
    const at = scale(start, end);
    this.roster.replaceChildren(
      el("div", { class: "roster-head" }, el("span", {}, t("plan.roster"), ` (${engineers.length})`),
        el("div", { class: "axis" }, ...hourTicks(start, end))),
      ...shown.map(e => {
        const jobs = jobsOf.get(e.id) ?? [];
        const day = this.#day(e);
        const drawn = new Set((day?.segments ?? []).filter(s => s.ticketId && !s.to).map(s => s.ticketId));
        const open = new Set(jobs.map(tk => tk.id));
        const blocks = daySegments(day, start, end, now, s => open.has(s.ticketId) && !s.to ? this.#draggable(s.ticketId) : {});
        // What the day read does not have yet (an offer, a job newer than the read): from its last change until now.
        for (const tk of jobs.filter(tk => !drawn.has(tk.id))) {
          const stage = stageOf[tk.status] ?? "planned";
          const from = Math.max(start, Date.parse(tk.changedAt ?? tk.createdAt));
          blocks.push(el("span", {
            class: `block stage-${stage}`, "data-testid": "timeline-job", draggable: "true",
            dataset: { ticketId: tk.id, stage },
            style: `left:${at(from)}%;width:${Math.max(at(now) - at(from), 1.5)}%`,
            title: `${tk.id} · ${tv("status", tk.status)} · ${tk.title}`,
            ondragstart: event => this.#dragStart(event, tk.id), ondragend: () => this.#dragEnd(),
            onclick: () => this.onOpenTicket(tk.id),
          }, tk.id));
        }
        return el("div", {
          class: `roster-row status-${e.status}`, "data-testid": "roster-row", dataset: { engineerId: e.id, status: e.status, day: day ? "read" : "" },
          ondragover: event => {
            event.preventDefault();
            event.currentTarget.classList.add("drop");
          },
          ondragleave: event => event.currentTarget.classList.remove("drop"),
          ondrop: event => {
            event.preventDefault();
            event.currentTarget.classList.remove("drop");
            const ticketId = droppedTicket(event);
            this.#dragEnd();
            if (ticketId) this.onAssign(ticketId, e.id);
          },
        },
          el("button", { type: "button", class: "link name", onclick: () => this.onOpenEngineer(e.id) }, e.name || e.id),
          el("span", { class: `pill eng-${e.status}` }, tv("engStatus", e.status)),
          el("div", { class: "timeline-bar" }, ...blocks, el("span", { class: "now", style: `left:${at(now)}%` })));
      }));
    this.#readDays(shown);
  }

  #turn(by) {
    this.page = Math.max(0, this.page + by);
    this.render();
  }

  /** Words of the search: each must match the name, id, status or region; skill:tag must be one of their skills. */
  #matcher() {
    const words = this.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return () => true;
    return e => words.every(word => {
      if (word.startsWith("skill:")) return this.skills.get(word.slice(6))?.has(e.id) ?? false;
      return [e.name, e.id, e.status, tv("engStatus", e.status), e.region].some(text => text?.toLowerCase().includes(word));
    });
  }

  /** Skills are not on the live board: the read side says who has each skill asked for (every page of it). */
  async #askSkills() {
    const wanted = this.search.value.toLowerCase().split(/\s+/).filter(w => w.startsWith("skill:") && w.length > 6).map(w => w.slice(6));
    for (const skill of wanted) {
      if (this.skills.has(skill)) continue;
      this.skills.set(skill, new Set());
      try {
        const ids = new Set();
        let cursor = "";
        do {
          const page = await this.api(`/api/engineers?skills=${encodeURIComponent(skill)}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
          for (const row of page.items ?? []) ids.add(row.engineerId);
          cursor = page.nextCursor;
        } while (cursor);
        this.skills.set(skill, ids);
      } catch {
        this.skills.delete(skill);
      }
      this.render();
    }
  }

  #day(e) {
    const known = this.days.get(e.id);
    return known?.day ?? null;
  }

  /** Reads the day of the engineers shown whose read is missing or stale, a few at a time. */
  #readDays(shown) {
    const now = Date.now();
    this.waiting = shown.filter(e => {
      const known = this.days.get(e.id);
      return !this.reading.has(e.id) && (!known || known.key !== `${e.status}|${e.jobs}` || now - known.readAt > dayFresh);
    });
    while (this.reading.size < daysAtOnce && this.waiting.length) this.#readDay(this.waiting.shift());
  }

  async #readDay(e) {
    this.reading.add(e.id);
    const key = `${e.status}|${e.jobs}`;
    try {
      const day = await this.api(`/api/engineers/${encodeURIComponent(e.id)}/day`);
      this.days.set(e.id, { day, readAt: Date.now(), key });
    } catch {
      // No read side (in-memory mode) or a failed read: the live board's jobs still show; try again later.
      this.days.set(e.id, { day: this.days.get(e.id)?.day ?? null, readAt: Date.now(), key });
    } finally {
      this.reading.delete(e.id);
    }
    if (this.waiting.length) this.#readDay(this.waiting.shift());
    clearTimeout(this.redrawSoon);
    this.redrawSoon = setTimeout(() => this.render(), 50);
  }

  #draggable(ticketId) {
    const tk = this.board?.tickets.get(ticketId);
    return {
      draggable: "true",
      title: tk ? `${tk.id} · ${tv("status", tk.status)} · ${tk.title}` : ticketId,
      ondragstart: event => this.#dragStart(event, ticketId), ondragend: () => this.#dragEnd(),
      onclick: () => this.onOpenTicket(ticketId),
    };
  }

  /** The offer made by the last drop: accepted once the ticket is the engineer's job; declined or expired once it is not. */
  async #followOffer() {
    const offer = this.offer;
    const tk = offer && this.board?.tickets.get(offer.ticketId);
    if (!offer || !tk) return;
    const theirs = tk.engineerId === offer.engineerId;
    if (theirs && tk.status === "Offered") {
      offer.seen = true;
      return;
    }
    if (theirs) {
      this.offer = null;
      this.say(`${tk.id}: ${t("assign.accepted", { engineer: offer.engineerId })}`, false, "accepted");
      return;
    }
    if (!offer.seen) return;
    this.offer = null;
    let why = "";
    try {
      const view = await this.api(`/api/tickets/${encodeURIComponent(tk.id)}`);
      why = [...(view.timeline ?? [])].reverse().find(e => e.what === "ticket.offer-lapsed")?.why ?? "";
    } catch (error) {
      why = describeError(error);
    }
    this.say(`${tk.id}: ${t("assign.declined", { engineer: offer.engineerId, why })}`, true, "declined");
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
    startTicketDrag(event, ticketId);
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
