// The engineer's jobs, read from /work: each with its status, place, SLA due times, and the field
// actions its status allows (En route, On site, Resolved with notes, Waiting for parts).
import { t, tv } from "../shared/i18n.js";
import { el, formatCoords, formatCountdown, formatTime } from "../shared/format.js";
import { clockLive } from "../shared/sla.js";

/** Which field actions a job's status allows (the server decides; this only greys out the rest). */
const allowed = {
  Accepted: ["en-route", "on-site", "waiting-for-parts"],
  EnRoute: ["on-site", "waiting-for-parts"],
  OnSite: ["resolved", "waiting-for-parts"],
  Waiting: [],
};

const actions = [
  ["en-route", "job.enRoute"],
  ["on-site", "job.onSite"],
  ["resolved", "job.resolved"],
  ["waiting-for-parts", "job.waitingForParts"],
];

export class JobList {
  constructor(container, countElement, emptyNote, { act }) {
    this.container = container;
    this.countElement = countElement;
    this.emptyNote = emptyNote;
    this.act = act;
    this.jobs = [];
    this.resolving = new Set();
    this.notes = new Map();
    setInterval(() => this.tick(), 1000);
  }

  render(jobs = this.jobs) {
    this.jobs = jobs;
    // Keep what was typed into a notes box across re-renders.
    for (const box of this.container.querySelectorAll("textarea[data-ticket-id]")) this.notes.set(box.dataset.ticketId, box.value);
    this.countElement.textContent = jobs.length ? String(jobs.length) : "";
    this.emptyNote.hidden = jobs.length > 0;
    this.container.replaceChildren(...jobs.map(job => this.#card(job)));
    this.tick();
  }

  #card(job) {
    const can = new Set(allowed[job.status] ?? []);
    const card = el("article", {
      class: `job ${this.resolving.has(job.id) ? "resolving" : ""}`,
      "data-testid": "job-card",
      dataset: { ticketId: job.id, status: job.status },
    });
    const run = async (action, body = {}) => {
      for (const b of card.querySelectorAll("button")) b.disabled = true;
      try {
        await this.act(job, action, body);
        if (action === "resolved") this.resolving.delete(job.id);
      } finally {
        for (const b of card.querySelectorAll("button")) b.disabled = false;
      }
    };
    const buttons = actions.map(([action, label]) => el("button", {
      type: "button",
      "data-testid": `job-${action}`,
      disabled: !can.has(action),
      onclick: () => {
        if (action === "resolved") {
          this.resolving.add(job.id);
          card.classList.add("resolving");
          card.querySelector("textarea")?.focus();
        } else {
          run(action);
        }
      },
    }, t(label)));
    const notes = el("textarea", { "data-ticket-id": job.id, "data-testid": "job-notes", placeholder: t("job.notesHint") });
    notes.value = this.notes.get(job.id) ?? "";
    card.append(
      el("h3", {}, el("span", {}, job.title), el("span", { class: "pill", "data-testid": "job-status" }, tv("status", job.status))),
      el("dl", { class: "facts" },
        el("dt", {}, t("offer.ticket")), el("dd", {}, job.id, " · ", el("span", { class: `pill prio-${job.priority}` }, job.priority)),
        el("dt", {}, t("offer.customer")), el("dd", {}, job.customerId, " · ", tv("tier", job.customerTier)),
        el("dt", {}, t("offer.where")), el("dd", {}, el("a", { href: `geo:${job.location?.lat},${job.location?.lon}` }, formatCoords(job.location?.lat, job.location?.lon))),
        job.waitingReason ? [el("dt", {}, t("ticket.waiting")), el("dd", {}, tv("wait", job.waitingReason))] : null),
      job.description ? el("p", { class: "muted" }, job.description) : null,
      el("ul", { class: "sla-list" }, ...(job.sla ?? []).filter(c => clockLive(c, job.status)).map(c =>
        el("li", {}, el("span", {}, tv("metric", c.metric)), el("span", {}, formatTime(c.dueAt)),
          el("span", { class: "left", dataset: { due: c.dueAt, state: c.state } })))),
      el("div", { class: "actions" }, ...buttons,
        el("div", { class: "resolve" }, notes,
          el("button", {
            type: "button", class: "primary", "data-testid": "job-resolve-submit",
            onclick: () => run("resolved", { notes: notes.value.trim() || undefined }),
          }, t("job.submitResolution")))));
    return card;
  }

  tick() {
    for (const node of this.container.querySelectorAll(".sla-list .left")) {
      const ms = Date.parse(node.dataset.due) - Date.now();
      node.textContent = node.dataset.state === "paused" ? tv("sla", "paused") : formatCountdown(ms);
      node.classList.toggle("overdue", ms < 0);
    }
  }
}
