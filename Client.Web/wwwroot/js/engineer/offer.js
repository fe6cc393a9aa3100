// The offer card: a job offered to this engineer, with customer, place, distance, ETA, SLA due times and
// a countdown to the offer's expiry; Accept and Decline. Fed by the hub's "offer" push (at once) and by
// the /work read (after login and every reconnect).
import { t, tv } from "../shared/i18n.js";
import { el, fill, formatCoords, formatCountdown, formatDistance, formatDuration, formatTime, parseTimeSpan } from "../shared/format.js";

/** One shape for an offer, whether it came pushed (OfferPush) or read from /work ({details, ticket}). */
export function offerFromPush(push) {
  return {
    ticketId: push.ticketId,
    title: push.title,
    customerId: push.customerId,
    lat: push.lat,
    lon: push.lon,
    distanceMeters: push.distanceMeters,
    eta: parseTimeSpan(push.eta),
    expiresAt: push.expiresAt,
    sla: push.sla ?? [],
    source: "push",
  };
}

export function offerFromWork(offer) {
  if (!offer) return null;
  const { details, ticket } = offer;
  return {
    ticketId: details?.ticketId ?? ticket?.id,
    title: ticket?.title ?? details?.ticketId,
    customerId: ticket?.customerId,
    customerTier: ticket?.customerTier,
    priority: ticket?.priority,
    serviceType: ticket?.serviceType,
    description: ticket?.description,
    skills: ticket?.requiredSkills ?? [],
    lat: ticket?.location?.lat,
    lon: ticket?.location?.lon,
    distanceMeters: details?.distanceMeters,
    eta: parseTimeSpan(details?.eta),
    offeredAt: details?.offeredAt,
    expiresAt: details?.expiresAt,
    sla: ticket?.sla ?? [],
    source: "work",
  };
}

export class OfferCard {
  constructor(section, { accept, decline, expired, customer }) {
    this.section = section;
    this.customer = customer;
    this.accept = accept;
    this.decline = decline;
    this.expired = expired;
    this.offer = null;
    this.busy = false;
    setInterval(() => this.tick(), 250);
  }

  show(offer, { fresh = false } = {}) {
    const same = this.offer?.ticketId === offer?.ticketId;
    this.offer = offer;
    if (!same) this.busy = false;
    this.expiredFired = same ? this.expiredFired : false;
    this.render();
    if (fresh && !same) {
      this.section.classList.remove("fresh");
      void this.section.offsetWidth;
      this.section.classList.add("fresh");
    }
  }

  clear() {
    this.offer = null;
    this.section.hidden = true;
    this.section.replaceChildren();
  }

  render() {
    const o = this.offer;
    if (!o) return this.clear();
    this.section.hidden = false;
    this.section.dataset.ticketId = o.ticketId;
    const mapLink = o.lat != null ? `geo:${o.lat},${o.lon}` : null;
    fill(this.section,
      el("h2", {}, t("offer.title")),
      el("div", { class: "countdown", "data-testid": "offer-countdown" }),
      el("h3", { "data-testid": "offer-title" }, o.title ?? o.ticketId),
      el("dl", { class: "facts" },
        el("dt", {}, t("offer.ticket")), el("dd", { "data-testid": "offer-ticket-id" }, o.ticketId),
        o.priority ? [el("dt", {}, t("col.priority")), el("dd", {}, el("span", { class: `pill prio-${o.priority}` }, o.priority), o.serviceType ? ` · ${tv("serviceType", o.serviceType)}` : "")] : null,
        el("dt", {}, t("offer.where")), el("dd", {}, mapLink ? el("a", { href: mapLink, "data-testid": "offer-navigate" }, formatCoords(o.lat, o.lon)) : "–"),
        el("dt", {}, t("offer.distance")), el("dd", { "data-testid": "offer-distance" }, formatDistance(o.distanceMeters)),
        el("dt", {}, t("offer.eta")), el("dd", { "data-testid": "offer-eta" }, formatDuration(o.eta)),
        o.skills?.length ? [el("dt", {}, t("ticket.skills")), el("dd", {}, o.skills.join(", "))] : null),
      o.description ? el("p", { class: "muted" }, o.description) : null,
      this.customer?.(o),
      // Due times only: the offer's own expiry is the one countdown on this card.
      el("h3", {}, t("offer.slaDue")),
      el("ul", { class: "sla-list", "data-testid": "offer-sla" }, ...o.sla.filter(c => c.dueAt).map(c =>
        el("li", {}, el("span", {}, tv("metric", c.metric)), el("span", {}, formatTime(c.dueAt))))),
      el("div", { class: "buttons" },
        el("button", { type: "button", class: "accept", "data-testid": "offer-accept", disabled: this.busy, onclick: () => this.#act(this.accept) }, t("offer.accept")),
        el("button", { type: "button", "data-testid": "offer-decline", disabled: this.busy, onclick: () => this.#act(this.decline) }, t("offer.decline"))));
    this.tick();
  }

  async #act(action) {
    if (this.busy || !this.offer) return;
    this.busy = true;
    for (const b of this.section.querySelectorAll(".buttons button")) b.disabled = true;
    try {
      await action(this.offer);
    } finally {
      this.busy = false;
      if (this.offer) this.render();
    }
  }

  tick() {
    const o = this.offer;
    if (!o) return;
    const left = Date.parse(o.expiresAt) - Date.now();
    const countdown = this.section.querySelector(".countdown");
    if (countdown) {
      countdown.textContent = left > 0 ? t("offer.expiresIn", { time: formatCountdown(left) }) : t("offer.expired");
      countdown.classList.toggle("urgent", left < 15_000);
    }
    if (left <= 0) {
      for (const b of this.section.querySelectorAll(".buttons button")) b.disabled = true;
      if (!this.expiredFired) {
        this.expiredFired = true;
        this.expired?.(o);
      }
    }
  }
}
