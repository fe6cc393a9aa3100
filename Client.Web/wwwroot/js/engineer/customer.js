// The customer part of a job card: name, site address, contact, a link that opens the phone's navigation at the
// site (geo: URI), recent tickets and what else is open at the site. Read from /api/tickets/{id}/customer, which
// answers only for a job offered or assigned to this engineer; kept per ticket so that it shows offline too.
import { t, tv } from "../shared/i18n.js";
import { el, formatTime } from "../shared/format.js";

const KEY = "dispatch.field.customers";

export class CustomerCards {
  constructor(api, onLoaded) {
    this.api = api;
    this.onLoaded = onLoaded;
    this.cards = new Map(Object.entries(JSON.parse(localStorage.getItem(KEY) ?? "{}")));
    this.loading = new Set();
  }

  /** Keeps only the cards of the tickets still shown. */
  keep(ticketIds) {
    for (const id of [...this.cards.keys()]) if (!ticketIds.includes(id)) this.cards.delete(id);
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(this.cards)));
  }

  async #load(ticketId) {
    if (this.loading.has(ticketId)) return;
    this.loading.add(ticketId);
    try {
      this.cards.set(ticketId, await this.api(`/api/tickets/${encodeURIComponent(ticketId)}/customer`));
      localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(this.cards)));
      this.onLoaded();
    } catch {
      // Offline or no longer ours: the card says it has nothing to show.
    } finally {
      this.loading.delete(ticketId);
    }
  }

  /** The card's customer section; loads it the first time. */
  render(ticketId, fallback) {
    const card = this.cards.get(ticketId);
    if (!card) {
      this.#load(ticketId);
      return el("div", { class: "customer", "data-testid": "job-customer" },
        el("strong", {}, fallback?.customerId ?? "–"), " ", el("span", { class: "muted" }, t("card.unavailable")));
    }
    const site = card.site;
    const place = site ? [site.name, site.address].filter(Boolean).join(" · ") : "";
    const geo = site ? `geo:${site.lat},${site.lon}?q=${site.lat},${site.lon}(${encodeURIComponent(card.name ?? card.customerId)})` : null;
    const list = (items, testid) => items.length
      ? el("ul", { class: "history", "data-testid": testid }, ...items.map(i =>
        el("li", {}, el("span", {}, i.ticketId, " · ", i.title), el("span", { class: "muted" }, tv("status", i.status), " · ", formatTime(i.openedAt)))))
      : el("p", { class: "muted", "data-testid": testid }, t("card.none"));
    return el("div", { class: "customer", "data-testid": "job-customer" },
      el("div", { class: "customer-name", "data-testid": "job-customer-name" }, card.name ?? card.customerId,
        card.tier ? el("span", { class: "muted" }, ` · ${tv("tier", card.tier)}`) : null),
      place ? el("div", { "data-testid": "job-site" }, place) : null,
      el("div", { class: "contact-row" },
        geo ? el("a", { class: "button", href: geo, "data-testid": "job-navigate" }, t("card.navigate")) : null,
        card.phone ? el("a", { class: "button", href: `tel:${card.phone.replace(/[^+\d]/g, "")}`, "data-testid": "job-call" }, `${t("card.call")} ${card.phone}`) : null),
      el("h4", {}, t("card.openAtSite")), list(card.openAtSite ?? [], "job-open-at-site"),
      el("h4", {}, t("card.recent")), list(card.recentTickets ?? [], "job-recent"));
  }
}
