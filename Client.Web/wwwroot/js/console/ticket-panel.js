// The ticket panel: status, SLA clocks counting down every second, the "why this engineer" breakdown
// (from the latest ticket.offered timeline entry), the customer's 360° summary, the timeline, and the
// dispatcher's actions: assign/reassign, change priority, wait/resume, cancel, acknowledge alerts.
import { t, tv } from "../shared/i18n.js";
import { describeError } from "../shared/api.js";
import { clockLive, clockRemaining } from "../shared/sla.js";
import { el, fill, formatCoords, formatDistance, formatDue, formatDuration, formatPercent, formatTime, parseTimeSpan } from "../shared/format.js";

const waitReasons = ["waitingOnCustomer", "waitingForParts", "waitingForPermit"];

/** The candidates of the latest "ticket.offered" entry, and whom it chose. */
export function whyThisEngineer(timeline) {
  const offers = [...(timeline ?? [])].reverse().filter(e => e.what === "ticket.offered");
  if (!offers.length) return null;
  const parse = entry => {
    try {
      return JSON.parse(entry.details?.candidates ?? "[]");
    } catch {
      return [];
    }
  };
  // An offer made by hand carries no candidates: the table stays the engine's last one, so a reassign never empties it.
  const ranked = offers.find(e => parse(e).length > 0) ?? offers[0];
  return { entry: ranked, chosen: offers[0].details?.engineerId ?? null, candidates: parse(ranked) };
}

/** Distance over the earth's surface in metres (haversine). */
function metersBetween(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const a = Math.sin((lat2 - lat1) * rad / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin((lon2 - lon1) * rad / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** The engineers nearest a place among those the board holds: the available ones first, offline ones left out. */
export function nearestEngineers(engineers, lat, lon, count = 6) {
  return [...engineers]
    .filter(e => e.status !== "Offline" && e.lat != null && e.lon != null)
    .map(engineer => ({ engineer, meters: metersBetween(lat, lon, engineer.lat, engineer.lon) }))
    .sort((a, b) => (a.engineer.status === "Available" ? 0 : 1) - (b.engineer.status === "Available" ? 0 : 1) || a.meters - b.meters)
    .slice(0, count);
}

/** Who the ticket is offered to or assigned to, and how the dispatcher should read it. */
export function assignment(tk) {
  const engineer = tk.assignedEngineerId;
  if (!engineer) return null;
  if (tk.status === "Offered") return { state: "offered", engineer };
  const forced = [...(tk.timeline ?? [])].reverse().find(e => e.what === "ticket.accepted");
  if (tk.status === "Accepted") return { state: forced && forced.role && forced.role !== "engineer" ? "forced" : "accepted", engineer };
  return null;
}

/** The action forms' fields. */
const formFields = root => root.querySelectorAll("form[data-testid] input[name], form[data-testid] select[name]");

/** Which action form's field an input is, the same across renders. */
const draftKey = input => `${input.form.dataset.testid}/${input.name}`;

/** What a field showed when it was drawn (the ticket as it was then), before anyone changed it. */
const drawnValue = input => input instanceof HTMLSelectElement
  ? ([...input.options].find(option => option.defaultSelected) ?? input.options[0])?.value ?? ""
  : input.defaultValue;

export class TicketPanel {
  constructor({ body, api, board, acknowledge, openEngineer, onShown, role }) {
    this.body = body;
    this.role = role;
    // What was typed into the action forms, kept across re-renders and failed requests.
    this.drafts = new Map();
    // The action field being typed in when a render started, and the caret in it (see #keepDrafts).
    this.typing = null;
    this.sending = null;
    this.api = api;
    this.board = board;
    this.acknowledge = acknowledge;
    this.openEngineer = openEngineer;
    this.onShown = onShown;
    this.ticket = null;
    this.customer = null;
    this.id = null;
    this.message = null;
    this.loadSeq = 0;
    this.refreshTimer = null;
  }

  get openId() {
    return this.id;
  }

  get mayForce() {
    return this.role === "supervisor" || this.role === "admin";
  }

  async open(id) {
    // The same ticket opened again (its row clicked) keeps what was typed since the last render.
    if (id === this.id) this.#keepDrafts();
    else this.drafts.clear();
    this.id = id;
    this.ticket = null;
    this.customer = null;
    this.message = null;
    this.body.replaceChildren(el("p", { class: "muted" }, t("panel.loading")));
    await this.load();
  }

  close() {
    this.id = null;
    this.ticket = null;
  }

  /** Re-reads the ticket soon (a push said it changed); several pushes make one read. */
  refreshSoon() {
    if (!this.id) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.load(), 300);
  }

  async load() {
    const id = this.id;
    if (!id) return;
    const seq = ++this.loadSeq;
    // The service types the triage form offers: asked once.
    this.serviceTypes ??= this.api("/api/service-types").catch(() => null);
    if (!Array.isArray(this.serviceTypeList)) this.serviceTypeList = (await this.serviceTypes) ?? [];
    try {
      const ticket = await this.api(`/api/tickets/${encodeURIComponent(id)}`);
      if (seq !== this.loadSeq || id !== this.id) return;
      this.ticket = ticket;
      this.render();
      this.onShown?.(ticket);
      if (!this.customer || this.customer.id !== ticket.customerId) {
        this.api(`/api/customers/${encodeURIComponent(ticket.customerId)}`)
          .then(customer => {
            if (id !== this.id) return;
            this.customer = customer;
            this.render();
          })
          .catch(error => {
            if (id !== this.id) return;
            this.customer = { id: ticket.customerId, error: describeError(error) };
            this.render();
          });
      }
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.body.replaceChildren(el("h2", {}, id), el("p", { class: "error", "data-testid": "panel-error" }, describeError(error)));
    }
  }

  render() {
    const tk = this.ticket;
    if (!tk) return;
    const marker = this.board.tickets.get(tk.id);
    this.#keepDrafts();
    fill(this.body,
      el("h2", { "data-testid": "ticket-panel-title" }, tk.id, " · ", tk.title),
      el("div", { class: "row" },
        el("span", { class: "pill", "data-testid": "ticket-panel-status", dataset: { status: tk.status } }, tv("status", tk.status)), " ",
        el("span", { class: `pill prio-${tk.priority}` }, tk.priority), " ",
        marker ? el("span", { class: `pill sla-${marker.slaState}` }, tv("sla", marker.slaState)) : null, " ",
        tk.escalationLevel ? el("span", { class: "pill sla-breached" }, t("ticket.escalation", { level: tk.escalationLevel })) : null),
      this.#assignStatus(tk),
      el("section", {},
        el("dl", {},
          el("dt", {}, t("ticket.customer")), el("dd", {}, tk.customerId, " · ", tv("tier", tk.customerTier)),
          el("dt", {}, t("ticket.serviceType")), el("dd", {}, tv("serviceType", tk.serviceType)),
          el("dt", {}, t("ticket.engineer")), el("dd", {}, tk.assignedEngineerId
            ? el("button", { type: "button", class: "link", onclick: () => this.openEngineer(tk.assignedEngineerId) }, tk.assignedEngineerId)
            : el("span", { class: "muted" }, t("tickets.unassigned"))),
          el("dt", {}, t("ticket.location")), el("dd", {}, formatCoords(tk.location?.lat, tk.location?.lon)),
          el("dt", {}, t("ticket.skills")), el("dd", {}, (tk.requiredSkills ?? []).join(", ") || "–"),
          el("dt", {}, t("ticket.channel")), el("dd", {}, tk.channel),
          tk.waitingReason ? [el("dt", {}, t("ticket.waiting")), el("dd", {}, tv("wait", tk.waitingReason))] : null,
          el("dt", {}, t("ticket.created")), el("dd", {}, formatTime(tk.createdAt)),
          el("dt", {}, t("ticket.policy")), el("dd", {}, tk.slaPolicyId)),
        tk.description ? el("p", { class: "muted" }, tk.description) : null),
      this.#clocks(tk),
      this.#why(tk),
      this.#customer(),
      this.#actions(tk),
      this.#timeline(tk));
    this.#restoreDrafts();
    this.tick();
    if (this.message?.error) this.body.querySelector("[data-testid=panel-error]")?.scrollIntoView({ block: "nearest" });
  }

  #keepDrafts() {
    // Only what the dispatcher changed is a draft: a field they left alone shows the ticket as it is at the next render
    // (a priority another desk changed meanwhile), not as it was when first drawn, and is never sent stale.
    for (const input of formFields(this.body)) {
      if (input.value !== drawnValue(input)) this.drafts.set(draftKey(input), input.value);
      else this.drafts.delete(draftKey(input));
    }
    // A render replaces every field: the one being typed in would lose the keyboard, and the keys typed next (or a
    // paste) would go nowhere while its value stays what it was, so the form would send a reason half typed or empty.
    const active = document.activeElement;
    this.typing = active?.form?.dataset.testid && active.name && this.body.contains(active)
      ? { key: draftKey(active), start: active.selectionStart ?? null, end: active.selectionEnd ?? null, direction: active.selectionDirection ?? "none" }
      : null;
  }

  #restoreDrafts() {
    let typing = null;
    for (const input of formFields(this.body)) {
      const kept = this.drafts.get(draftKey(input));
      if (kept !== undefined) input.value = kept;
      if (this.typing?.key === draftKey(input)) typing = input;
    }
    if (!typing) return;
    typing.focus({ preventScroll: true });
    if (this.typing.start != null) typing.setSelectionRange(this.typing.start, this.typing.end, this.typing.direction);
  }

  /** After an action went through: its form empties, the one in view too if a render replaced it while the request was out. */
  #clearForm(form) {
    const name = form.dataset.testid;
    for (const key of [...this.drafts.keys()]) if (key.startsWith(`${name}/`)) this.drafts.delete(key);
    form.reset();
    const shown = this.body.querySelector(`form[data-testid="${name}"]`);
    if (shown && shown !== form) shown.reset();
  }

  /** The message of the last action, shown where it was taken (beside the actions), never out of view. */
  #message() {
    return this.message
      ? el("p", { class: this.message.error ? "error" : "notice", "data-testid": this.message.error ? "panel-error" : "panel-notice", role: "status" }, this.message.text)
      : null;
  }

  /** "Offered to X, waiting" until the engineer answers; then accepted, forced or declined. */
  #assignStatus(tk) {
    let text = null;
    let state = null;
    const now = assignment(tk);
    if (this.sending) {
      state = "sending";
      text = t("assign.sending", { engineer: this.sending });
    } else if (now) {
      state = now.state;
      text = t(`assign.${now.state}`, { engineer: now.engineer });
    } else {
      const lapsed = [...(tk.timeline ?? [])].reverse().find(e => e.what === "ticket.offer-lapsed");
      const last = (tk.timeline ?? []).at(-1);
      if (lapsed && lapsed === last) {
        state = "declined";
        text = t("assign.declined", { engineer: lapsed.details?.engineerId ?? "", why: lapsed.why ?? "" });
      }
    }
    return text ? el("p", { class: `assign-status state-${state}`, "data-testid": "assign-status", dataset: { state } }, text) : null;
  }

  /** One click from the candidate table: an offer, or for supervisors a forced assignment. */
  async assign(engineerId, forced) {
    const tk = this.ticket;
    if (!tk) return;
    this.sending = engineerId;
    this.message = null;
    this.render();
    try {
      await this.api(`/api/tickets/${encodeURIComponent(tk.id)}/${forced ? "force-assign" : "assign"}`, {
        method: "POST", body: { engineerId, reason: forced ? "forced from the console" : "chosen from the candidates" },
      });
    } catch (error) {
      this.message = { error: true, text: describeError(error) };
    } finally {
      this.sending = null;
    }
    await this.load();
  }

  #clocks(tk) {
    return el("section", {},
      el("h3", {}, t("ticket.slaClocks")),
      el("div", { class: "clocks", "data-testid": "sla-clocks" }, ...(tk.sla ?? []).map(clock =>
        el("div", { class: `clock state-${clock.state}`, "data-testid": "sla-clock", dataset: { metric: clock.metric, state: clock.state } },
          el("span", {}, tv("metric", clock.metric)),
          el("span", {},
            el("span", { class: `pill sla-${clock.state}` }, tv("sla", clock.state)), " ",
            el("span", { class: "muted" }, t("ticket.target", { target: formatDuration(parseTimeSpan(clock.target)) })),
            clock.dueAt ? el("span", { class: "muted" }, " · ", t("ticket.due", { time: formatTime(clock.dueAt) })) : null),
          el("span", {
            class: "remaining",
            dataset: { due: clock.dueAt ?? "", live: String(clockLive(clock, tk.status)), remaining: String(clockRemaining(clock, tk.status) ?? "") },
          })))),
      (tk.sla ?? []).length === 0 ? el("p", { class: "muted" }, t("ticket.noClocks")) : null);
  }

  /** The two one-click buttons of a row: offer, and for supervisors force. */
  #assignButtons(tk, engineerId) {
    return el("td", { class: "assign-cell" },
      el("button", {
        type: "button", "data-testid": "candidate-assign", dataset: { engineerId },
        disabled: this.sending != null || engineerId === tk.assignedEngineerId,
        onclick: () => this.assign(engineerId, false),
      }, t("assign.one")),
      this.mayForce ? el("button", {
        type: "button", class: "danger", "data-testid": "candidate-force", title: t("assign.forceTitle"), dataset: { engineerId },
        disabled: this.sending != null, onclick: () => this.assign(engineerId, true),
      }, t("assign.force")) : null);
  }

  /**
   * A ticket the engine could not place has no candidates: the engineers the board holds nearest to it instead (the
   * available first), each with the same one-click offer and, for supervisors, force.
   */
  #nearby(tk) {
    const closed = ["Resolved", "Closed", "Cancelled"].includes(tk.status);
    const at = tk.location;
    const engineers = closed || at?.lat == null ? [] : nearestEngineers(this.board.engineers.values(), at.lat, at.lon);
    return el("section", { "data-testid": "nearby-engineers" },
      el("h3", {}, t("why.title")),
      el("p", { class: "muted" }, t("why.none")),
      engineers.length ? [
        el("h4", {}, t("nearby.title")),
        el("div", { class: "table-x" }, el("table", { class: "why-table" },
          el("thead", {}, el("tr", {}, el("th", {}, t("why.engineer")), el("th", {}, t("nearby.status")),
            el("th", { class: "num" }, t("why.distance")), el("th", { class: "num" }, t("nearby.jobs")), el("th", {}))),
          el("tbody", {}, ...engineers.map(({ engineer: e, meters }) => el("tr", { "data-testid": "nearby-engineer", dataset: { engineerId: e.id } },
            el("td", {}, el("button", { type: "button", class: "link", onclick: () => this.openEngineer(e.id) }, e.name && e.name !== e.id ? `${e.name} (${e.id})` : e.id)),
            el("td", {}, tv("engStatus", e.status)),
            el("td", { class: "num" }, formatDistance(meters)),
            el("td", { class: "num" }, String(e.jobs ?? 0)),
            this.#assignButtons(tk, e.id)))))),
        el("p", { class: "hint" }, t("nearby.hint"))] : null);
  }

  #why(tk) {
    const why = whyThisEngineer(tk.timeline);
    if (!why || why.candidates.length === 0) return this.#nearby(tk);
    const cost = v => (v == null ? "–" : Number(v).toFixed(2));
    return el("section", { "data-testid": "why-engineer" },
      el("h3", {}, t("why.title")),
      el("p", { class: "muted" }, formatTime(why.entry.at), " · ", why.entry.why ?? ""),
      el("div", { class: "table-x" }, el("table", { class: "why-table" },
        el("thead", {}, el("tr", {},
          ...["why.engineer", "why.distance", "why.eta", "why.etaCost", "why.proficiency", "why.load", "why.urgency", "why.total"]
            .map((key, i) => el("th", { class: i > 0 ? "num" : "" }, t(key))), el("th", {}))),
        el("tbody", {}, ...why.candidates.map(c => el("tr", { class: c.engineerId === why.chosen ? "chosen" : "" },
          el("td", {}, el("button", { type: "button", class: "link", onclick: () => this.openEngineer(c.engineerId) }, c.engineerId)),
          el("td", { class: "num" }, formatDistance(c.distanceMeters)),
          el("td", { class: "num" }, formatDuration(parseTimeSpan(c.eta))),
          el("td", { class: "num" }, cost(c.etaCost)),
          el("td", { class: "num" }, cost(c.proficiencyCost)),
          el("td", { class: "num" }, cost(c.loadCost)),
          el("td", { class: "num" }, cost(c.urgencyCost)),
          el("td", { class: "num" }, cost(c.total)),
          this.#assignButtons(tk, c.engineerId)))))),
      el("p", { class: "hint" }, t("why.hint")));
  }

  #customer() {
    const c = this.customer;
    const section = el("section", { "data-testid": "customer-360" }, el("h3", {}, t("customer.title")));
    if (!c) return section.append(el("p", { class: "muted" }, t("panel.loading"))), section;
    if (c.error) return section.append(el("p", { class: "error" }, c.error)), section;
    const health = c.health ?? {};
    const csat = (c.satisfaction ?? []).map(s => s.survey?.csat).filter(v => v != null);
    const avg = csat.length ? (csat.reduce((a, b) => a + b, 0) / csat.length).toFixed(1) : "–";
    const penalties = Object.entries(health.penalties ?? {}).filter(([, v]) => v).map(([k, v]) => `${tv("penalty", k)} −${v}`).join(", ");
    section.append(
      el("dl", {},
        el("dt", {}, t("customer.name")), el("dd", {}, c.profile?.name ?? c.id, " · ", tv("tier", c.profile?.tier)),
        el("dt", {}, t("customer.health")), el("dd", {},
          el("div", { class: `health-bar ${health.belowThreshold ? "low" : ""}`, title: penalties },
            el("span", { style: `width: ${Math.max(0, Math.min(100, health.score ?? 0))}%` })),
          `${health.score ?? "–"}/100`, health.belowThreshold ? el("span", { class: "pill sla-breached" }, " ", t("customer.healthLow")) : null,
          penalties ? el("div", { class: "hint" }, penalties) : null),
        el("dt", {}, t("customer.slaOutcomes")), el("dd", {},
          t("customer.outcomes", { resolved: c.slaOutcomes?.resolved ?? 0, breached: c.slaOutcomes?.breached ?? 0, rate: formatPercent(c.slaOutcomes?.complianceRate) })),
        el("dt", {}, t("customer.satisfaction")), el("dd", {}, t("customer.csat", { avg, count: csat.length })),
        el("dt", {}, t("customer.open")), el("dd", {}, String(c.openTickets?.length ?? 0))),
      el("ul", { class: "timeline" }, ...(c.recentTickets ?? []).slice(0, 6).map(r =>
        el("li", {}, el("span", { class: "when" }, formatTime(r.openedAt)), `${r.ticketId} · ${r.title} · ${tv("status", r.status)}`,
          r.slaBreached ? el("span", { class: "pill sla-breached" }, tv("sla", "breached")) : null))));
    return section;
  }

  #actions(tk) {
    const engineers = [...this.board.engineers.values()].sort((a, b) => a.id.localeCompare(b.id));
    const openAlerts = [...this.board.alerts.values()].filter(a => a.ticketId === tk.id && !a.acknowledged);
    const action = (name, path, makeBody, confirmKey) => async event => {
      event.preventDefault();
      const form = event.currentTarget;
      if (confirmKey && !confirm(t(confirmKey, { id: tk.id }))) return;
      const button = event.submitter ?? form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        await this.api(`/api/tickets/${encodeURIComponent(tk.id)}/${path}`, { method: "POST", body: makeBody(new FormData(form)) });
        // An assignment is only an offer until the engineer answers: the assign status line says so, not "done".
        this.message = name === "assign" ? null : { text: t("action.done", { action: t(`action.${name}`) }) };
        this.#clearForm(form);
      } catch (error) {
        this.message = { error: true, text: describeError(error) };
      } finally {
        button.disabled = false;
      }
      await this.load();
    };
    const optional = value => (value && String(value).trim()) || undefined;
    const number = value => (value === null || value === "" ? undefined : Number(value));
    const closed = tk.status === "Resolved" || tk.status === "Closed";
    if (closed || tk.status === "Cancelled") {
      return el("section", { class: "actions", "data-testid": "ticket-actions" },
        el("h3", {}, t("action.title")),
        this.#message(),
        closed
          ? el("form", { "data-testid": "action-reopen", onsubmit: action("reopen", "reopen", f => ({ reason: optional(f.get("reason")) })) },
              el("input", { name: "reason", type: "text", placeholder: t("action.reopenReason") }),
              el("button", { type: "submit" }, t("action.reopen")))
          : null,
        closed && !tk.survey
          ? el("form", { "data-testid": "action-survey", onsubmit: action("survey", "survey", f => ({ csat: number(f.get("csat")), nps: number(f.get("nps")), comment: optional(f.get("comment")) })) },
              el("label", {}, t("survey.csat"), " ", el("select", { name: "csat" }, el("option", { value: "" }, "–"), ...[5, 4, 3, 2, 1].map(v => el("option", { value: v }, v)))),
              el("label", {}, t("survey.nps"), " ", el("select", { name: "nps" }, el("option", { value: "" }, "–"), ...[10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(v => el("option", { value: v }, v)))),
              el("input", { name: "comment", type: "text", placeholder: t("survey.comment") }),
              el("button", { type: "submit" }, t("action.survey")))
          : null,
        tk.survey ? el("p", { class: "muted", "data-testid": "survey-recorded" }, t("survey.recorded", { csat: tk.survey.csat, nps: tk.survey.nps ?? "–" })) : null);
    }
    // Solved on the phone: a service type without a visit (a consultation) is resolved from triage, or once accepted.
    const resolvable = ["New", "Triaged", "Accepted"].includes(tk.status);
    return el("section", { class: "actions", "data-testid": "ticket-actions" },
      el("h3", {}, t("action.title")),
      this.#message(),
      tk.status === "New"
        ? el("form", { "data-testid": "action-triage", onsubmit: action("triage", "triage", f => ({ note: optional(f.get("note")) })) },
            el("input", { name: "note", type: "text", placeholder: t("action.note") }),
            el("button", { type: "submit" }, t("action.triage")))
        : null,
      ["New", "Triaged", "Dispatching"].includes(tk.status) && this.serviceTypeList?.length
        ? el("form", {
            "data-testid": "action-reclassify",
            onsubmit: action("reclassify", "reclassify", f => ({
              serviceType: f.get("serviceType"),
              requiredSkills: String(f.get("requiredSkills") ?? "").split(/[,\s]+/).filter(Boolean),
              reason: optional(f.get("reason")),
            })),
          },
            el("select", { name: "serviceType", title: t("ticket.serviceType") },
              ...this.serviceTypeList.map(s => el("option", { value: s, selected: s === tk.serviceType }, tv("serviceType", s)))),
            el("input", { name: "requiredSkills", type: "text", size: 14, title: t("ticket.skills"), placeholder: t("intake.skillsHint"), value: (tk.requiredSkills ?? []).join(", ") }),
            el("input", { name: "reason", type: "text", placeholder: t("action.reason") }),
            el("button", { type: "submit" }, t("action.reclassify")))
        : null,
      resolvable
        ? el("form", { "data-testid": "action-resolve", title: t("action.resolveHint"), onsubmit: action("resolve", "resolve", f => ({ notes: optional(f.get("notes")) })) },
            el("input", { name: "notes", type: "text", placeholder: t("action.resolveNotes") }),
            el("button", { type: "submit" }, t("action.resolve")))
        : null,
      el("datalist", { id: "engineer-ids" }, ...engineers.map(e => el("option", { value: e.id }, `${e.name} · ${tv("engStatus", e.status)}`))),
      el("form", {
        "data-testid": "action-assign",
        // The button pressed picks the way: an offer, or (supervisors) a forced assignment.
        onsubmit: event => action("assign", event.submitter?.value === "force" ? "force-assign" : "assign",
          f => ({ engineerId: f.get("engineerId").trim(), reason: optional(f.get("reason")) }))(event),
      },
        el("input", { name: "engineerId", list: "engineer-ids", required: true, placeholder: t("action.engineerId"), size: 12, value: "" }),
        el("input", { name: "reason", type: "text", placeholder: t("action.reason") }),
        el("button", { type: "submit", value: "assign" }, tk.assignedEngineerId ? t("action.reassign") : t("action.assign")),
        this.mayForce
          ? el("button", { type: "submit", value: "force", class: "danger", "data-testid": "action-assign-force", title: t("assign.forceTitle") }, t("assign.force"))
          : null),
      el("form", { "data-testid": "action-priority", onsubmit: action("priority", "priority", f => ({ priority: f.get("priority"), reason: optional(f.get("reason")) })) },
        el("select", { name: "priority" }, ...["P1", "P2", "P3", "P4"].map(p => el("option", { value: p, selected: p === tk.priority }, p))),
        el("input", { name: "reason", type: "text", placeholder: t("action.reason") }),
        el("button", { type: "submit" }, t("action.priority"))),
      tk.status === "Waiting"
        ? el("form", { "data-testid": "action-resume", onsubmit: action("resume", "resume", f => ({ note: optional(f.get("note")) })) },
            el("input", { name: "note", type: "text", placeholder: t("action.note") }),
            el("button", { type: "submit" }, t("action.resume")))
        : el("form", { "data-testid": "action-wait", onsubmit: action("wait", "wait", f => ({ reason: f.get("reason") })) },
            el("select", { name: "reason" }, ...waitReasons.map(r => el("option", { value: r }, tv("wait", r)))),
            el("button", { type: "submit" }, t("action.wait"))),
      el("form", { "data-testid": "action-cancel", onsubmit: action("cancel", "cancel", f => ({ reason: optional(f.get("reason")) }), "action.confirmCancel") },
        el("input", { name: "reason", type: "text", placeholder: t("action.reason") }),
        el("button", { type: "submit", class: "danger" }, t("action.cancel"))),
      openAlerts.length
        ? el("div", {}, ...openAlerts.map(a => el("button", {
            type: "button",
            "data-testid": "panel-ack",
            onclick: async () => {
              try {
                await this.acknowledge(a.id);
                this.message = { text: t("action.done", { action: t("alerts.acknowledge") }) };
              } catch (error) {
                this.message = { error: true, text: describeError(error) };
              }
              await this.load();
            },
          }, t("action.acknowledge", { kind: tv("alertKind", a.kind), metric: a.metric ? tv("metric", a.metric) : "" }))))
        : null);
  }

  #timeline(tk) {
    const entries = [...(tk.timeline ?? [])].reverse();
    return el("section", {},
      el("h3", {}, t("ticket.timeline")),
      el("ol", { class: "timeline", "data-testid": "ticket-timeline" }, ...entries.map(e =>
        el("li", { dataset: { what: e.what } },
          el("span", { class: "when" }, formatTime(e.at)),
          el("strong", {}, tv("what", e.what)),
          e.from || e.to ? ` ${e.from ? tv("status", e.from) : ""} → ${e.to ? tv("status", e.to) : ""}` : "",
          el("span", { class: "muted" }, ` · ${e.by}${e.role ? ` (${tv("role", e.role)})` : ""}`),
          e.why ? el("div", { class: "muted" }, e.why) : null))));
  }

  /** Counts the running clocks down (called every second). */
  tick() {
    const now = Date.now();
    for (const node of this.body.querySelectorAll(".clock .remaining")) {
      const live = node.dataset.live === "true";
      const ms = live ? Date.parse(node.dataset.due) - now : node.dataset.remaining === "" ? null : Number(node.dataset.remaining);
      const state = node.closest(".clock").dataset.state;
      node.textContent = state === "met" ? t("sla.met") : ms == null ? "–" : formatDue(ms);
    }
  }
}
