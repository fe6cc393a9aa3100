// The engineer panel: status, position and its age, the current offer, their day (shift, breaks, travel, work, planned
// jobs: the same drawing as the plan view's roster, over the whole shift), jobs, jobs done today, skills.
import { t, tv } from "../shared/i18n.js";
import { describeError } from "../shared/api.js";
import { daySegments, hourTicks } from "./day-timeline.js";
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
    this.day = null;
    this.readAt = 0;
    this.loading = false;
  }

  get openId() {
    return this.id;
  }

  async open(id) {
    this.id = id;
    this.view = null;
    this.day = null;
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
      const [view, day] = await Promise.all([
        this.api(`/api/engineers/${encodeURIComponent(id)}`),
        // Without a read side (in-memory mode) there is no day to show; the rest of the panel still is.
        this.api(`/api/engineers/${encodeURIComponent(id)}/day`).catch(() => null),
      ]);
      if (id !== this.id) return;
      this.view = view;
      this.day = day;
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
      this.#dayView(),
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

  /** The day from the start of the shift (or of the first thing done) to its end, at least until an hour from now. */
  #dayView() {
    if (!this.day) return null;
    const segments = this.day.segments ?? [];
    const now = Date.now();
    const times = segments.flatMap(s => [Date.parse(s.from), s.to ? Date.parse(s.to) : now, s.estimatedTo ? Date.parse(s.estimatedTo) : now]);
    const hour = 3600_000;
    const start = Math.floor(Math.min(now - hour, ...times) / hour) * hour;
    const end = Math.ceil(Math.max(now + hour, ...times) / hour) * hour;
    const at = ms => ((ms - start) / (end - start)) * 100;
    return el("section", { "data-testid": "engineer-day" },
      el("h3", {}, t("engineer.day")),
      el("div", { class: "axis" }, ...hourTicks(start, end)),
      el("div", { class: "timeline-bar" }, ...daySegments(this.day, start, end, now),
        now < end ? el("span", { class: "now", style: `left:${at(now)}%` }) : null),
      segments.length
        ? el("ol", { class: "day-list" }, ...segments.map(s => el("li", { dataset: { kind: s.kind } },
            `${formatTime(s.from)}–${s.to ? formatTime(s.to) : t("day.now")} · ${t(`day.${s.kind}`)}`,
            s.ticketId ? [" · ", el("button", { type: "button", class: "link", onclick: () => this.openTicket(s.ticketId) }, s.ticketId)] : null,
            s.estimatedTo ? ` · ${t("day.eta", { time: formatTime(s.estimatedTo) })}` : "")))
        : el("p", { class: "muted" }, t("engineer.dayEmpty")));
  }

  tick() {
    const age = this.body.querySelector(".age");
    if (age) age.textContent = age.dataset.at ? t("time.ago", { duration: formatDuration(Date.now() - Date.parse(age.dataset.at)) }) : "–";
    const expiry = this.body.querySelector(".offer-expiry");
    if (expiry) expiry.textContent = t("offer.expiresIn", { time: formatCountdown(Date.parse(expiry.dataset.expires) - Date.now()) });
  }
}
