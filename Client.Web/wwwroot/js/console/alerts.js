// The alert feed: SLA warnings, breaches, escalations and customer alerts, newest first, emphasised by
// level (0 plain, 1 amber, 2 orange, 3+ red). Each has an Acknowledge button; acknowledged ones stay,
// muted, saying who acknowledged them.
import { t, tv } from "../shared/i18n.js";
import { el, formatTime } from "../shared/format.js";

const maxShown = 200;

export class AlertFeed {
  /**
   * @param {HTMLOListElement} list
   * @param {{acknowledge: (id) => Promise<void>, openTicket: (id) => void, onError: (error) => void}} actions
   */
  constructor(list, countElement, openOnlyBox, actions) {
    this.list = list;
    this.countElement = countElement;
    this.openOnlyBox = openOnlyBox;
    this.actions = actions;
    this.fresh = new Set();
    openOnlyBox.addEventListener("change", () => this.render(this.board));
  }

  /** Re-renders from the board; ids in fresh flash once. */
  render(board, fresh = []) {
    this.board = board;
    for (const id of fresh) this.fresh.add(id);
    const all = [...board.alerts.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (b.level ?? 0) - (a.level ?? 0));
    const open = all.filter(a => !a.acknowledged).length;
    this.countElement.textContent = t("alerts.count", { open, total: all.length });
    const shown = (this.openOnlyBox.checked ? all.filter(a => !a.acknowledged) : all).slice(0, maxShown);
    this.list.replaceChildren(...shown.map(note => this.#item(note)));
    if (shown.length === 0) this.list.append(el("li", { class: "empty", "data-i18n": "alerts.empty" }, t("alerts.empty")));
    this.fresh.clear();
  }

  #item(note) {
    const level = Math.min(3, Math.max(0, note.level ?? 0));
    const classes = ["alert", `level-${level}`];
    if (note.acknowledged) classes.push("acknowledged");
    if (this.fresh.has(note.id)) classes.push("fresh");
    const ticketLink = note.ticketId
      ? el("button", { type: "button", class: "link", "data-testid": "alert-ticket", onclick: () => this.actions.openTicket(note.ticketId) }, note.ticketId)
      : null;
    const ack = note.acknowledged
      ? el("span", { class: "muted", "data-testid": "alert-acknowledged" }, t("alerts.acknowledgedBy", { who: note.acknowledgedBy ?? "?" }))
      : el("button", {
          type: "button",
          "data-testid": "alert-ack",
          onclick: async event => {
            event.currentTarget.disabled = true;
            try {
              await this.actions.acknowledge(note.id);
            } catch (error) {
              event.currentTarget.disabled = false;
              this.actions.onError(error);
            }
          },
        }, t("alerts.acknowledge"));
    return el("li", {
      class: classes.join(" "),
      "data-testid": "alert-item",
      dataset: { alertId: note.id, kind: note.kind, level, ticketId: note.ticketId ?? "", acknowledged: String(!!note.acknowledged) },
    },
      el("div", { class: "head" },
        el("span", { class: "pill" }, tv("alertKind", note.kind)),
        note.level ? el("span", {}, t("alerts.level", { level: note.level })) : null,
        note.metric ? el("span", {}, tv("metric", note.metric)) : null,
        note.role ? el("span", {}, "→ " + tv("role", note.role)) : null,
        el("span", { class: "spacer" }),
        el("time", { datetime: note.at }, formatTime(note.at))),
      el("div", { class: "msg", "data-testid": "alert-message" }, note.message),
      el("div", { class: "foot" }, ticketLink, note.region ? el("span", { class: "muted" }, note.region) : null, el("span", { class: "spacer" }), ack));
  }
}
