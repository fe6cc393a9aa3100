// Phone intake: a dispatcher opens a ticket for a caller. The customer is found by name or id, the site picked
// from the customer's sites (its coordinates fill the location), and the form goes to POST /api/tickets as the
// "phone" channel. The server judges the fields; each error it names is shown beside its field.
import { t, tv } from "../shared/i18n.js";
import { ApiError, describeError } from "../shared/api.js";
import { el, fill } from "../shared/format.js";

const priorities = ["P1", "P2", "P3", "P4"];

/** The form field an error of the intake API belongs to ("location.lat" → location, "requiredSkills[2]" → requiredSkills). */
export function fieldOf(name) {
  return name.replace(/\[\d+\]$/, "").replace(/\..*$/, "");
}

export class PhoneIntake {
  constructor({ body, api, openTicket }) {
    this.body = body;
    this.api = api;
    this.openTicket = openTicket;
    this.serviceTypes = null;
    this.customer = null;
    this.searchSeq = 0;
    // One key per form: a double submit (or a retry after a lost answer) opens one ticket, not two.
    this.idempotencyKey = null;
  }

  async show() {
    this.customer = null;
    this.idempotencyKey = crypto.randomUUID();
    if (!this.serviceTypes) {
      this.serviceTypes = await this.api("/api/service-types").catch(() => ["repair", "installation", "maintenance", "consultation"]);
    }
    this.#render();
    this.body.querySelector("input[name=customerQuery]")?.focus();
  }

  #render() {
    const field = (name, label, input) =>
      el("label", { class: "field", dataset: { field: name } },
        el("span", {}, label), input,
        el("span", { class: "field-error", "data-testid": `intake-error-${name}`, role: "alert", hidden: true }));
    const form = el("form", { class: "intake", "data-testid": "intake-form", onsubmit: event => this.#submit(event), novalidate: true },
      field("customerId", t("intake.customer"),
        el("span", { class: "customer-pick" },
          el("input", {
            name: "customerQuery", type: "search", autocomplete: "off", placeholder: t("intake.customerHint"),
            "data-testid": "intake-customer-search", oninput: event => this.#search(event.currentTarget.value),
          }),
          el("input", { name: "customerId", type: "hidden" }))),
      el("ul", { class: "customer-results", "data-testid": "intake-customer-results" }),
      field("location", t("intake.site"),
        el("select", { name: "site", "data-testid": "intake-site", onchange: () => this.#siteChosen() },
          el("option", { value: "" }, t("intake.siteFirst")))),
      el("div", { class: "coords" },
        el("input", { name: "lat", type: "number", step: "any", placeholder: "lat", "data-testid": "intake-lat" }),
        el("input", { name: "lon", type: "number", step: "any", placeholder: "lon", "data-testid": "intake-lon" })),
      field("serviceType", t("ticket.serviceType"),
        el("select", { name: "serviceType", "data-testid": "intake-service-type" },
          ...this.serviceTypes.map(s => el("option", { value: s }, tv("serviceType", s))))),
      field("priority", t("filter.priority"),
        el("select", { name: "priority", "data-testid": "intake-priority" },
          ...priorities.map(p => el("option", { value: p, selected: p === "P3" }, p)))),
      field("title", t("intake.title"), el("input", { name: "title", type: "text", maxlength: 200, "data-testid": "intake-title" })),
      field("description", t("intake.description"), el("textarea", { name: "description", rows: 3, maxlength: 4000, "data-testid": "intake-description" })),
      field("requiredSkills", t("ticket.skills"), el("input", { name: "requiredSkills", type: "text", placeholder: t("intake.skillsHint"), "data-testid": "intake-skills" })),
      el("p", { class: "error", "data-testid": "intake-error", role: "status", hidden: true }),
      el("button", { type: "submit", class: "primary", "data-testid": "intake-submit" }, t("intake.submit")));
    fill(this.body, el("h2", {}, t("intake.heading")), form);
  }

  /** Nothing counts down here; a language change keeps what was typed (labels follow on the next form). */
  tick() {}

  render() {}

  async #search(text) {
    const seq = ++this.searchSeq;
    const results = this.body.querySelector("[data-testid=intake-customer-results]");
    const query = text.trim();
    if (query.length < 2) {
      results.replaceChildren();
      return;
    }
    // The read side finds names; an exact id is asked of the cluster too, so a customer registered a moment ago is found.
    const [found, exact] = await Promise.all([
      this.api(`/api/customers?q=${encodeURIComponent(query)}&limit=8`).then(r => r.items ?? [], () => []),
      this.api(`/api/customers/${encodeURIComponent(query)}`).then(c => (c?.profile ? [{ customerId: c.id, name: c.profile.name, tier: c.profile.tier }] : []), () => []),
    ]);
    if (seq !== this.searchSeq) return;
    const rows = [...exact, ...found.filter(f => !exact.some(e => e.customerId === f.customerId))];
    results.replaceChildren(...(rows.length ? rows.map(c => el("li", {},
      el("button", { type: "button", class: "link", "data-testid": "intake-customer-option", dataset: { customerId: c.customerId }, onclick: () => this.#pick(c.customerId) },
        `${c.name} · ${c.customerId} · ${tv("tier", c.tier)}`))) : [el("li", { class: "muted" }, t("intake.noCustomer"))]));
  }

  async #pick(customerId) {
    const form = this.body.querySelector("[data-testid=intake-form]");
    try {
      const customer = await this.api(`/api/customers/${encodeURIComponent(customerId)}`);
      this.customer = customer;
      form.elements.customerId.value = customer.id;
      form.elements.customerQuery.value = `${customer.profile?.name ?? customer.id} · ${customer.id}`;
      this.body.querySelector("[data-testid=intake-customer-results]").replaceChildren();
      const sites = customer.profile?.sites ?? [];
      form.elements.site.replaceChildren(...(sites.length
        ? sites.map(s => el("option", { value: s.id }, `${s.name}${s.address ? ` · ${s.address}` : ""}`))
        : [el("option", { value: "" }, t("intake.noSites"))]));
      this.#siteChosen();
      this.#showErrors({});
    } catch (error) {
      this.#showErrors({ customerId: [describeError(error)] });
    }
  }

  #siteChosen() {
    const form = this.body.querySelector("[data-testid=intake-form]");
    const site = (this.customer?.profile?.sites ?? []).find(s => s.id === form.elements.site.value);
    if (!site) return;
    form.elements.lat.value = String(site.lat);
    form.elements.lon.value = String(site.lon);
  }

  async #submit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const number = name => (String(data.get(name) ?? "").trim() === "" ? null : Number(data.get(name)));
    const text = name => String(data.get(name) ?? "").trim();
    const body = {
      customerId: text("customerId") || null,
      title: text("title") || null,
      description: text("description") || null,
      serviceType: text("serviceType") || null,
      priority: text("priority") || null,
      location: number("lat") == null && number("lon") == null ? null : { lat: number("lat"), lon: number("lon") },
      requiredSkills: text("requiredSkills").split(/[,\s]+/).filter(Boolean),
      channel: "phone",
    };
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const ticket = await this.api("/api/tickets", { method: "POST", body, headers: { "Idempotency-Key": this.idempotencyKey } });
      await this.openTicket(ticket.id);
    } catch (error) {
      const errors = error instanceof ApiError ? error.problem?.errors ?? {} : {};
      const shown = this.#showErrors(errors);
      const rest = form.querySelector("[data-testid=intake-error]");
      rest.hidden = shown;
      rest.textContent = shown ? "" : describeError(error);
    } finally {
      button.disabled = false;
    }
  }

  /** Puts each field's messages beside it; true when every message found its field. */
  #showErrors(errors) {
    for (const node of this.body.querySelectorAll(".field-error")) {
      node.hidden = true;
      node.textContent = "";
      node.closest(".field")?.classList.remove("invalid");
    }
    let placed = Object.keys(errors).length > 0;
    for (const [name, messages] of Object.entries(errors)) {
      const node = this.body.querySelector(`[data-testid=intake-error-${fieldOf(name)}]`);
      if (!node) {
        placed = false;
        continue;
      }
      node.hidden = false;
      node.textContent = [node.textContent, ...[].concat(messages)].filter(Boolean).join("; ");
      node.closest(".field")?.classList.add("invalid");
    }
    this.body.querySelector(".field.invalid")?.scrollIntoView({ block: "nearest" });
    return placed;
  }
}
