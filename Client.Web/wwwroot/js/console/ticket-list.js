// The ticket list: every open ticket from the snapshot and the pushes since, filtered by status,
// priority, region and SLA state (and a text search), most urgent first. Rows carry data-testid
// "ticket-row", data-ticket-id and data-status so that tests and people can find them. A search also asks the server
// for the tickets the board does not hold (closed and cancelled ones) and links to them.
// While the pointer is over the list, rows hold still (a click lands on the row that was under the pointer):
// changes are counted and applied when the pointer leaves, or on request. Arrow keys move a cursor, Enter opens.
import { t, tv } from "../shared/i18n.js";
import { el, formatDue } from "../shared/format.js";

export const ticketStatuses = ["New", "Triaged", "Dispatching", "Offered", "Accepted", "EnRoute", "OnSite", "Waiting", "Resolved"];
export const priorities = ["P1", "P2", "P3", "P4"];
export const slaStates = ["running", "warning", "breached", "paused", "met", "none"];
const slaRank = { breached: 0, warning: 1, running: 2, paused: 3, none: 4, met: 5 };
const maxRows = 500;

export class TicketList {
  constructor({ form, body, count, emptyNote, onOpen, onFilter, scroller, pendingButton, api, searchMore }) {
    this.form = form;
    this.api = api;
    this.searchMore = searchMore;
    this.searched = null;
    this.searchSeq = 0;
    this.searchTimer = null;
    this.scroller = scroller;
    this.pendingButton = pendingButton;
    this.frozen = false;
    this.pending = new Set();
    this.cursor = null;
    this.body = body;
    this.count = count;
    this.emptyNote = emptyNote;
    this.onOpen = onOpen;
    this.onFilter = onFilter;
    this.regions = [];
    this.selected = null;
    this.board = null;
    this.#fillFilters();
    form.addEventListener("input", () => {
      this.render();
      this.#searchAll();
      this.onFilter?.(this.filters());
    });
    form.addEventListener("submit", event => event.preventDefault());
    if (scroller) {
      scroller.addEventListener("pointerenter", () => this.#freeze(true));
      scroller.addEventListener("pointerleave", () => this.#freeze(false));
      scroller.addEventListener("keydown", event => this.#key(event));
      // Rows scrolled into view show their countdown now, not at the next tick.
      scroller.addEventListener("scroll", () => this.tick(), { passive: true });
    }
    pendingButton?.addEventListener("click", () => this.#apply());
  }

  /**
   * The list holds the open tickets only: a search also asks the server's GET /api/tickets (every ticket ever opened,
   * closed and cancelled too) and offers what the board does not show as "N more in all tickets", linking to that search.
   */
  #searchAll() {
    const link = this.searchMore;
    if (!link || !this.api) return;
    const q = this.form.elements.q.value.trim();
    if (q === this.searched) return;
    clearTimeout(this.searchTimer);
    const seq = ++this.searchSeq;
    if (!q) {
      this.searched = q;
      link.hidden = true;
      return;
    }
    this.searchTimer = setTimeout(async () => {
      try {
        const page = await this.api(`/api/tickets?${new URLSearchParams({ q, limit: "100" })}`);
        if (seq !== this.searchSeq) return;
        this.searched = q;
        const more = (page.items ?? []).filter(tk => !this.board?.tickets.has(tk.ticketId));
        link.hidden = more.length === 0;
        link.href = `tickets.html?${new URLSearchParams({ q })}`;
        link.dataset.count = String(more.length);
        link.dataset.ticketIds = more.map(tk => tk.ticketId).join(" ");
        link.textContent = t(page.nextCursor ? "search.moreMany" : "search.more", { count: more.length });
      } catch (error) {
        if (seq !== this.searchSeq) return;
        link.hidden = true;
        console.warn("search:", error);
      }
    }, 300);
  }

  #freeze(on) {
    this.frozen = on;
    this.scroller.dataset.frozen = String(on);
    if (!on) this.#apply();
  }

  /** Applies the changes held while the list stood still. */
  #apply() {
    this.pending.clear();
    this.#draw();
  }

  /** Tickets that changed (from the board): counted while frozen, drawn at once otherwise. */
  changed(ids) {
    if (this.frozen) {
      for (const id of ids ?? ["*"]) this.pending.add(id);
      this.#showPending();
    }
  }

  #showPending() {
    if (!this.pendingButton) return;
    this.pendingButton.hidden = this.pending.size === 0;
    this.pendingButton.dataset.count = String(this.pending.size);
    this.pendingButton.textContent = t("tickets.pending", { count: this.pending.has("*") ? "…" : this.pending.size });
  }

  #key(event) {
    const rows = [...this.body.children];
    if (!rows.length) return;
    const at = rows.findIndex(r => r.dataset.ticketId === this.cursor);
    let next = at;
    if (event.key === "ArrowDown") next = Math.min(rows.length - 1, at + 1);
    else if (event.key === "ArrowUp") next = Math.max(0, at < 0 ? 0 : at - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = rows.length - 1;
    else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      this.onOpen(this.cursor);
      return;
    } else return;
    event.preventDefault();
    this.#moveCursor(rows[next].dataset.ticketId);
  }

  #moveCursor(id) {
    this.cursor = id;
    for (const row of this.body.children) {
      const on = row.dataset.ticketId === id;
      row.classList.toggle("cursor", on);
      row.setAttribute("aria-selected", String(on));
      if (on) row.scrollIntoView({ block: "nearest" });
    }
  }

  #options(select, values, label) {
    const keep = select.value;
    select.replaceChildren(el("option", { value: "" }, t("filter.all")), ...values.map(v => el("option", { value: v }, label(v))));
    select.value = values.includes(keep) ? keep : "";
  }

  #fillFilters() {
    this.#options(this.form.elements.status, ticketStatuses, v => tv("status", v));
    this.#options(this.form.elements.priority, priorities, v => v);
    this.#options(this.form.elements.sla, slaStates, v => tv("sla", v));
    this.#options(this.form.elements.region, this.regions.map(r => r.id), id => this.regions.find(r => r.id === id)?.name ?? id);
  }

  /** Regions for the filter: [{id, name}]. */
  setRegions(regions) {
    this.regions = regions;
    this.#fillFilters();
  }

  relabel() {
    this.#fillFilters();
    this.render();
  }

  filters() {
    const f = this.form.elements;
    return { status: f.status.value, priority: f.priority.value, region: f.region.value, sla: f.sla.value, q: f.q.value.trim().toLowerCase() };
  }

  select(id) {
    this.selected = id;
    for (const row of this.body.children) row.classList.toggle("selected", row.dataset.ticketId === id);
  }

  render(board = this.board) {
    this.board = board;
    if (!board || this.frozen) {
      this.#showPending();
      return;
    }
    this.#draw();
  }

  #draw() {
    const board = this.board;
    if (!board) return;
    this.#showPending();
    // Regions seen in the data but not (yet) in the region list still get a filter entry.
    const known = new Set(this.regions.map(r => r.id));
    const extra = [...board.regionsSeen()].filter(r => !known.has(r));
    if (extra.length) this.setRegions([...this.regions, ...extra.map(id => ({ id, name: id }))]);

    const f = this.filters();
    const all = [...board.tickets.values()];
    const rows = all.filter(tk =>
      (!f.status || tk.status === f.status) &&
      (!f.priority || tk.priority === f.priority) &&
      (!f.region || tk.region === f.region) &&
      (!f.sla || tk.slaState === f.sla) &&
      (!f.q || `${tk.id} ${tk.title} ${tk.customerId} ${tk.engineerId ?? ""}`.toLowerCase().includes(f.q)));
    rows.sort((a, b) =>
      (slaRank[a.slaState] ?? 9) - (slaRank[b.slaState] ?? 9) ||
      (a.nextDueAt ? Date.parse(a.nextDueAt) : Infinity) - (b.nextDueAt ? Date.parse(b.nextDueAt) : Infinity) ||
      a.priority.localeCompare(b.priority) || a.id.localeCompare(b.id));
    this.count.textContent = rows.length === all.length ? String(all.length) : t("tickets.countFiltered", { shown: rows.length, total: all.length });
    const now = Date.now();
    this.body.replaceChildren(...rows.slice(0, maxRows).map(tk => this.#row(tk, now)));
    this.emptyNote.hidden = rows.length > 0;
    if (this.cursor) this.#moveCursor(this.cursor);
  }

  #row(tk, now) {
    const countdown = el("td", { class: "countdown", title: tk.nextDueMetric ? t("due.clock", { metric: tv("metric", tk.nextDueMetric) }) : "",
      dataset: { due: tk.nextDueAt ?? "", paused: String(tk.slaState === "paused") } },
      tk.nextDueMetric ? el("span", { class: "clock-name" }, tv("metric", tk.nextDueMetric)) : null, el("span", { class: "left" }));
    this.#countDown(countdown, now);
    return el("tr", {
      "data-testid": "ticket-row", draggable: "true",
      class: [tk.id === this.selected ? "selected" : "", tk.id === this.cursor ? "cursor" : ""].join(" ").trim(),
      dataset: { ticketId: tk.id, status: tk.status, sla: tk.slaState, priority: tk.priority, region: tk.region ?? "" },
      onclick: () => {
        this.cursor = tk.id;
        this.onOpen(tk.id);
      },
    },
      el("td", { class: "title" }, el("strong", {}, tk.id), " ", el("span", { class: "muted" }, tk.title)),
      el("td", {}, el("span", { class: `pill prio-${tk.priority}` }, tk.priority)),
      el("td", { "data-testid": "ticket-row-status" }, tv("status", tk.status)),
      el("td", {}, el("span", { class: `pill sla-${tk.slaState}`, "data-testid": "ticket-row-sla" }, tv("sla", tk.slaState))),
      countdown,
      el("td", {}, tk.engineerId ?? el("span", { class: "muted" }, t("tickets.unassigned"))),
      el("td", {}, this.regions.find(r => r.id === tk.region)?.name ?? tk.region ?? "–"),
      el("td", { class: "num" }, tk.escalationLevel ? String(tk.escalationLevel) : ""));
  }

  /**
   * Updates the countdowns of the rows in view (called every second). Rewriting the countdowns of all 500 rows every
   * second laid the whole page out again, a long task in the middle of a pan of the map; a row out of view is written
   * when it is drawn and when it scrolls into view.
   */
  tick() {
    const now = Date.now();
    for (const row of this.#rowsInView()) {
      const cell = row.querySelector("td.countdown");
      if (cell) this.#countDown(cell, now);
    }
  }

  /**
   * The rows inside the scrolled view: the first found by halving (rows are in order down the list), then the next.
   * All are measured before any is written: a measurement after a write would lay the page out again.
   */
  #rowsInView() {
    const rows = [...this.body.children];
    if (!this.scroller) return rows;
    const view = this.scroller.getBoundingClientRect();
    let low = 0, high = rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (rows[middle].getBoundingClientRect().bottom <= view.top) low = middle + 1;
      else high = middle;
    }
    let end = low;
    while (end < rows.length && rows[end].getBoundingClientRect().top < view.bottom) end++;
    return rows.slice(low, end);
  }

  #countDown(cell, now) {
    const due = cell.dataset.due;
    const text = cell.querySelector(".left") ?? cell;
    const left = due ? Date.parse(due) - now : NaN;
    const shown = !due ? "–" : cell.dataset.paused === "true" ? t("sla.paused") : formatDue(left);
    if (text.textContent !== shown) text.textContent = shown;
    cell.classList.toggle("overdue", left < 0);
  }
}
