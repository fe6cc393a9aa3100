// The engineer panel: status, position and its age, the current offer, jobs, jobs done today, skills.
import { t, tv } from "../shared/i18n.js";
import { describeError } from "../shared/api.js";
import { el, fill, formatCoords, formatCountdown, formatDistance, formatDuration, formatTime, parseTimeSpan } from "../shared/format.js";

export class EngineerPanel {
  constructor({ body, api, board, openTicket, locate }) {
    this.body = body;
    this.api = api;
    this.board = board;
    this.openTicket = openTicket;
    this.locate = locate;
    this.id = null;
    this.view = null;
    this.readAt = 0;
    this.loading = false;
  }

  get openId() {
    return this.id;
  }

  async open(id) {
    this.id = id;
    this.view = null;
    this.body.replaceChildren(el("p", { class: "muted" }, t("panel.loading")));
    await this.load();
  }

  close() {
    this.id = null;
  }

  /** A push moved or changed this engineer: re-read at most every two seconds. */
  refreshSoon() {
    if (!this.id || this.loading) return;
    if (Date.now() - this.readAt > 2000) this.load();
    else this.render();
  }

  async load() {
    const id = this.id;
    if (!id) return;
    this.loading = true;
    try {
      const view = await this.api(`/api/engineers/${encodeURIComponent(id)}`);
      if (id !== this.id) return;
      this.view = view;
      this.readAt = Date.now();
      this.render();
    } catch (error) {
      if (id === this.id) this.body.replaceChildren(el("h2", {}, id), el("p", { class: "error", "data-testid": "panel-error" }, describeError(error)));
    } finally {
      this.loading = false;
    }
  }

  render() {
    const v = this.view;
    if (!v) return;
    const marker = this.board.engineers.get(v.id);
    // The live marker is newer than the last read for status and position.
    const status = marker?.status ?? v.status;
    const positionAt = marker?.positionAt ?? v.position?.at;
    const lat = marker?.lat ?? v.position?.point?.lat;
    const lon = marker?.lon ?? v.position?.point?.lon;
    const skills = Object.entries(v.profile?.skills ?? {}).map(([skill, level]) => `${skill} ${level}`).join(", ");
    fill(this.body,
      el("h2", { "data-testid": "engineer-panel-title" }, v.profile?.name ?? v.id, " ", el("span", { class: "muted" }, v.id)),
      el("span", { class: `pill eng-${status}`, "data-testid": "engineer-panel-status", dataset: { status } }, tv("engStatus", status)),
      el("section", {},
        el("dl", {},
          el("dt", {}, t("engineer.region")), el("dd", {}, marker?.region ?? v.region ?? "–"),
          el("dt", {}, t("engineer.position")), el("dd", {},
            lat != null ? el("button", { type: "button", class: "link", onclick: () => this.locate(lon, lat) }, formatCoords(lat, lon)) : "–",
            v.position?.flagged ? el("span", { class: "pill sla-breached" }, t("engineer.flagged")) : null),
          el("dt", {}, t("engineer.positionAge")), el("dd", { class: "age", "data-testid": "engineer-position-age", dataset: { at: positionAt ?? "" } }),
          el("dt", {}, t("engineer.accuracy")), el("dd", {}, v.position?.accuracyMeters != null ? formatDistance(v.position.accuracyMeters) : "–"),
          el("dt", {}, t("engineer.jobsDoneToday")), el("dd", { "data-testid": "engineer-jobs-done" }, String(v.jobsDoneToday ?? 0)),
          el("dt", {}, t("engineer.capacity")), el("dd", {}, String(v.profile?.capacity ?? "–")),
          el("dt", {}, t("engineer.skills")), el("dd", {}, skills || "–"),
          v.profile?.phone ? [el("dt", {}, t("engineer.phone")), el("dd", {}, v.profile.phone)] : null)),
      el("section", {},
        el("h3", {}, t("engineer.offer")),
        v.offer
          ? el("p", {},
              el("button", { type: "button", class: "link", onclick: () => this.openTicket(v.offer.ticketId) }, v.offer.ticketId),
              ` · ${formatDistance(v.offer.distanceMeters)} · ${t("offer.eta")} ${formatDuration(parseTimeSpan(v.offer.eta))} · `,
              el("span", { class: "offer-expiry", dataset: { expires: v.offer.expiresAt } }))
          : el("p", { class: "muted" }, t("engineer.noOffer"))),
      el("section", {},
        el("h3", {}, t("engineer.jobs")),
        (v.jobs ?? []).length
          ? el("ul", { "data-testid": "engineer-jobs" }, ...v.jobs.map(job => {
              const ticket = this.board.tickets.get(job);
              return el("li", {},
                el("button", { type: "button", class: "link", onclick: () => this.openTicket(job) }, job),
                ticket ? ` · ${ticket.title} · ${tv("status", ticket.status)}` : "");
            }))
          : el("p", { class: "muted" }, t("engineer.noJobs"))),
      el("p", { class: "hint" }, t("engineer.readAt", { time: formatTime(new Date(this.readAt).toISOString()) })));
    this.tick();
  }

  tick() {
    const age = this.body.querySelector(".age");
    if (age) age.textContent = age.dataset.at ? t("time.ago", { duration: formatDuration(Date.now() - Date.parse(age.dataset.at)) }) : "–";
    const expiry = this.body.querySelector(".offer-expiry");
    if (expiry) expiry.textContent = t("offer.expiresIn", { time: formatCountdown(Date.parse(expiry.dataset.expires) - Date.now()) });
  }
}
