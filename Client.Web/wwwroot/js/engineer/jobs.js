// The engineer's jobs, read from /work (with what this phone has queued applied): each with its customer, site,
// SLA due times, and the field actions its status allows (En route, On site, Resolved with a service report,
// Waiting for parts); on site, a follow-up ticket for the same customer.
import { t, tv } from "../shared/i18n.js";
import { el, formatCountdown, formatTime } from "../shared/format.js";
import { clockLive } from "../shared/sla.js";
import { ReportForm } from "./report.js";

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
  constructor(container, countElement, emptyNote, { act, customer, catalog, followUp }) {
    this.container = container;
    this.countElement = countElement;
    this.emptyNote = emptyNote;
    this.act = act;
    this.customer = customer;
    this.catalog = catalog;
    this.followUp = followUp;
    this.jobs = [];
    this.forms = new Map(); // ticket id → ReportForm, kept across re-renders so what was entered stays
    setInterval(() => this.tick(), 1000);
  }

  render(jobs = this.jobs) {
    this.jobs = jobs;
    for (const id of [...this.forms.keys()]) if (!jobs.some(j => j.id === id && j.status === "OnSite")) this.forms.delete(id);
    this.countElement.textContent = jobs.length ? String(jobs.length) : "";
    this.emptyNote.hidden = jobs.length > 0;
    this.container.replaceChildren(...jobs.map(job => this.#card(job)));
    this.tick();
  }

  #card(job) {
    const can = new Set(allowed[job.status] ?? []);
    const form = this.forms.get(job.id);
    const card = el("article", {
      class: `job ${form ? "resolving" : ""}`,
      "data-testid": "job-card",
      dataset: { ticketId: job.id, status: job.status, queued: job.queued ? "true" : "false" },
    });
    const buttons = actions.map(([action, label]) => el("button", {
      type: "button",
      "data-testid": `job-${action}`,
      disabled: !can.has(action),
      onclick: async () => {
        if (action === "resolved") {
          if (this.forms.has(job.id)) return;
          this.forms.set(job.id, new ReportForm(job, await this.catalog(), async report => {
            this.forms.delete(job.id);
            await this.act(job, "resolved", report);
          }));
          this.render();
        } else {
          this.act(job, action, {});
        }
      },
    }, t(label)));
    card.append(
      el("h3", {}, el("span", {}, job.title), el("span", { class: "pill", "data-testid": "job-status" }, tv("status", job.status))),
      el("dl", { class: "facts" },
        el("dt", {}, t("offer.ticket")), el("dd", {}, job.id, " · ", el("span", { class: `pill prio-${job.priority}` }, job.priority), " · ", tv("serviceType", job.serviceType)),
        job.waitingReason ? [el("dt", {}, t("ticket.waiting")), el("dd", {}, tv("wait", job.waitingReason))] : null),
      job.description ? el("p", { class: "muted" }, job.description) : null,
      this.customer(job),
      el("ul", { class: "sla-list" }, ...(job.sla ?? []).filter(c => clockLive(c, job.status)).map(c =>
        el("li", {}, el("span", {}, tv("metric", c.metric)), el("span", {}, formatTime(c.dueAt)),
          el("span", { class: "left", dataset: { due: c.dueAt, state: c.state } })))),
      el("div", { class: "actions" }, ...buttons),
      form ? form.node : null,
      job.status === "OnSite" && !job.queued ? this.#followUp(job) : null);
    return card;
  }

  #followUp(job) {
    const title = el("input", { type: "text", maxlength: 200, "data-testid": "follow-up-title", placeholder: t("followUp.title") });
    const details = el("details", { class: "follow-up" },
      el("summary", { "data-testid": "follow-up-open" }, t("followUp.open")),
      title,
      el("button", {
        type: "button", "data-testid": "follow-up-submit",
        onclick: async () => { if (title.value.trim()) { await this.followUp(job, title.value.trim()); details.open = false; } },
      }, t("followUp.submit")));
    return details;
  }

  tick() {
    for (const node of this.container.querySelectorAll(".sla-list .left")) {
      const ms = Date.parse(node.dataset.due) - Date.now();
      node.textContent = node.dataset.state === "paused" ? tv("sla", "paused") : formatCountdown(ms);
      node.classList.toggle("overdue", ms < 0);
    }
  }
}
