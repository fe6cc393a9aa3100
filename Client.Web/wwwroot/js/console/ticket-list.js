// The ticket list: every open ticket from the snapshot and the pushes since, filtered by status,
// priority, region and SLA state (and a text search), most urgent first. Rows carry data-testid
// "ticket-row", data-ticket-id and data-status so that tests and people can find them.
import { t, tv } from "../shared/i18n.js";
import { el, formatCountdown } from "../shared/format.js";

export const ticketStatuses = ["New", "Triaged", "Dispatching", "Offered", "Accepted", "EnRoute", "OnSite", "Waiting", "Resolved"];
export const priorities = ["P1", "P2", "P3", "P4"];
export const slaStates = ["running", "warning", "breached", "paused", "met", "none"];
const slaRank = { breached: 0, warning: 1, running: 2, paused: 3, none: 4, met: 5 };
const maxRows = 500;

export class TicketList {
  constructor({ form, body, count, emptyNote, onOpen, onFilter }) {
    this.form = form;
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
      this.onFilter?.(this.filters());
    });
    form.addEventListener("submit", event => event.preventDefault());
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
    if (!board) return;
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
    this.body.replaceChildren(...rows.slice(0, maxRows).map(tk => this.#row(tk)));
    this.emptyNote.hidden = rows.length > 0;
    this.tick();
  }

  #row(tk) {
    return el("tr", {
      "data-testid": "ticket-row",
      class: tk.id === this.selected ? "selected" : "",
      dataset: { ticketId: tk.id, status: tk.status, sla: tk.slaState, priority: tk.priority, region: tk.region ?? "" },
      onclick: () => this.onOpen(tk.id),
    },
      el("td", { class: "title" }, el("strong", {}, tk.id), " ", el("span", { class: "muted" }, tk.title)),
      el("td", {}, el("span", { class: `pill prio-${tk.priority}` }, tk.priority)),
      el("td", { "data-testid": "ticket-row-status" }, tv("status", tk.status)),
      el("td", {}, el("span", { class: `pill sla-${tk.slaState}`, "data-testid": "ticket-row-sla" }, tv("sla", tk.slaState))),
      el("td", { class: "countdown", dataset: { due: tk.nextDueAt ?? "", paused: String(tk.slaState === "paused") } }),
      el("td", {}, tk.engineerId ?? el("span", { class: "muted" }, t("tickets.unassigned"))),
      el("td", {}, this.regions.find(r => r.id === tk.region)?.name ?? tk.region ?? "–"),
      el("td", { class: "num" }, tk.escalationLevel ? String(tk.escalationLevel) : ""));
  }

  /** Updates the countdowns (called every second). */
  tick() {
    const now = Date.now();
    for (const cell of this.body.querySelectorAll("td.countdown")) {
      const due = cell.dataset.due;
      if (!due) {
        cell.textContent = "–";
        continue;
      }
      const left = Date.parse(due) - now;
      cell.textContent = cell.dataset.paused === "true" ? t("sla.paused") : formatCountdown(left);
      cell.classList.toggle("overdue", left < 0);
    }
  }
}
