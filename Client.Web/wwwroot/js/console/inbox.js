// The signed-in person's inbox: the alerts they were told of (GET /api/inbox), kept current by the hub's
// "notification" pushes (each person's connections hear only their own) and read again after every
// (re)connect. Acknowledge stops the alert's chain; the acknowledgement then comes back as a push for every
// notification of that alert, whoever acknowledged it.
import { t, tv } from "../shared/i18n.js";
import { el, formatTime } from "../shared/format.js";
import { messages as shared } from "../shared/messages.js";

const strings = {
  en: {
    "inbox.title": "Inbox",
    "inbox.empty": "Nothing for you.",
    "inbox.open": "{open} to acknowledge",
    "inbox.told": "told as {role}",
    "inbox.failed": "Inbox: {why}",
  },
  zh: {
    "inbox.title": "收件箱",
    "inbox.empty": "没有给你的通知。",
    "inbox.open": "{open} 条待确认",
    "inbox.told": "以{role}身份通知",
    "inbox.failed": "收件箱：{why}",
  },
};
Object.assign(shared.en, strings.en);
Object.assign(shared.zh, strings.zh);

export class Inbox {
  /** Newest first, by notification id. */
  #items = new Map();

  /**
   * @param {{toggle: HTMLButtonElement, badge: HTMLElement, panel: HTMLElement, list: HTMLOListElement,
   *   api: Function, openTicket: (id) => void, describeError: (error) => string}} parts
   */
  constructor({ toggle, badge, panel, list, api, openTicket, describeError }) {
    Object.assign(this, { toggle, badge, panel, list, api, openTicket, describeError });
    toggle.hidden = false;
    toggle.addEventListener("click", () => this.show(panel.hidden));
  }

  show(open) {
    this.panel.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
  }

  /** Reads the whole inbox again: on start and after each (re)connect, so that nothing pushed meanwhile is missed. */
  async load() {
    try {
      const items = await this.api("/api/inbox");
      this.#items = new Map((items ?? []).map(n => [n.id, n]));
      this.toggle.dataset.loaded = "true";
      this.render();
    } catch (error) {
      console.warn(t("inbox.failed", { why: this.describeError(error) }));
    }
  }

  /** A pushed notification: new, or one of ours acknowledged. */
  receive(notification) {
    if (!notification?.id) return;
    const isNew = !this.#items.has(notification.id);
    this.#items.set(notification.id, notification);
    this.render(isNew && !notification.acknowledgedAt ? notification.id : null);
  }

  async acknowledge(notification, button) {
    button.disabled = true;
    try {
      await this.api(`/api/inbox/${encodeURIComponent(notification.id)}/acknowledge`, { method: "POST" });
      // The push confirms it too; reading the inbox shows it at once, for every notification of the alert.
      await this.load();
    } catch (error) {
      button.disabled = false;
      alert(this.describeError(error));
    }
  }

  render(fresh = null) {
    const all = [...this.#items.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    const open = all.filter(n => !n.acknowledgedAt).length;
    this.badge.textContent = open ? String(open) : "";
    this.badge.hidden = open === 0;
    this.toggle.dataset.open = String(open);
    this.list.replaceChildren(...all.map(n => this.#item(n, n.id === fresh)));
    if (all.length === 0) this.list.append(el("li", { class: "empty" }, t("inbox.empty")));
    this.panel.querySelector(".inbox-count").textContent = open ? t("inbox.open", { open }) : "";
  }

  #item(n, fresh) {
    const level = Math.min(3, Math.max(0, n.level ?? 0));
    const classes = ["alert", `level-${level}`];
    if (n.acknowledgedAt) classes.push("acknowledged");
    if (fresh) classes.push("fresh");
    const ack = n.acknowledgedAt
      ? el("span", { class: "muted", "data-testid": "inbox-acknowledged" }, t("alerts.acknowledgedBy", { who: n.acknowledgedBy ?? "?" }))
      : el("button", { type: "button", "data-testid": "inbox-ack", onclick: event => this.acknowledge(n, event.currentTarget) }, t("alerts.acknowledge"));
    const ticket = n.ticketId
      ? el("button", { type: "button", class: "link", "data-testid": "inbox-ticket", onclick: () => { this.show(false); this.openTicket(n.ticketId); } }, n.ticketId)
      : null;
    return el("li", {
      class: classes.join(" "),
      "data-testid": "inbox-item",
      dataset: { notificationId: n.id, alertId: n.alertId, ticketId: n.ticketId ?? "", level, acknowledged: String(!!n.acknowledgedAt) },
    },
      el("div", { class: "head" },
        el("span", { class: "pill" }, tv("alertKind", n.kind)),
        n.level ? el("span", {}, t("alerts.level", { level: n.level })) : null,
        el("span", { class: "muted" }, t("inbox.told", { role: tv("role", n.role) })),
        el("span", { class: "spacer" }),
        el("time", { datetime: n.at }, formatTime(n.at))),
      el("div", { class: "msg", "data-testid": "inbox-message" }, n.message),
      el("div", { class: "foot" }, ticket, el("span", { class: "spacer" }), ack));
  }
}
