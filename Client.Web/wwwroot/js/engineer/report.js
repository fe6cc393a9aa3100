// The service report a job is resolved with: the service type's checklist (a required step left undone is
// pointed out as soon as a later one is ticked, and blocks submitting), a fault code from the catalogue, notes,
// parts from the parts list, photos and the customer's signature drawn with a finger. Photos are made smaller on
// the phone first; one still above the server's limit is refused here with the same words the server would use.
import { t } from "../shared/i18n.js";
import { el } from "../shared/format.js";

const MAX_EDGE = 1600;

/** A photo made at most MAX_EDGE pixels on its longer side, as JPEG. Falls back to the original on failure. */
async function shrink(file) {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 300 * 1024) return file;
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await canvas.convertToBlob({ type: "image/jpeg", quality: 0.8 });
  } catch {
    return file;
  }
}

const kb = bytes => `${Math.round(bytes / 1024)} KB`;

export class ReportForm {
  /**
   * @param job the ticket being resolved
   * @param catalog GET /api/field/catalog (may be null offline before first read)
   * @param submit (report) => Promise: report = {notes, partsUsed, report: {checksDone, faultCode}, uploads: [{kind, blob, name}]}
   */
  constructor(job, catalog, submit) {
    this.job = job;
    this.catalog = catalog;
    this.submit = submit;
    this.photos = [];
    this.signed = false;
    this.node = this.#build();
  }

  get steps() {
    return this.catalog?.checklists?.[this.job.serviceType] ?? [];
  }

  #build() {
    const steps = this.steps;
    this.stepBoxes = steps.map(step => el("input", { type: "checkbox", value: step.id, "data-testid": `check-${step.id}`, onchange: () => this.#warn() }));
    this.warning = el("p", { class: "error", "data-testid": "report-warning", hidden: true });
    this.fault = el("select", { "data-testid": "report-fault", onchange: () => this.#warn() },
      el("option", { value: "" }, t("report.choose")),
      ...(this.catalog?.faultCodes ?? []).map(f => el("option", { value: f.code }, `${f.code} · ${f.text}`)));
    this.partBoxes = (this.catalog?.parts ?? []).map(p => el("input", { type: "checkbox", value: p.id, "data-testid": `part-${p.id}` }));
    this.notes = el("textarea", { "data-testid": "job-notes", placeholder: t("job.notesHint") });
    this.photoInput = el("input", { type: "file", accept: "image/*", capture: "environment", multiple: true, "data-testid": "report-photo", onchange: () => this.#addPhotos() });
    this.photoList = el("ul", { class: "photos", "data-testid": "report-photos" });
    this.canvas = el("canvas", { class: "signature", width: 600, height: 200, "data-testid": "report-signature" });
    this.#signaturePad();
    return el("div", { class: "report", "data-testid": "report-form" },
      el("h4", {}, t("report.title")),
      steps.length ? [el("h5", {}, t("report.checklist")),
        el("ul", { class: "checklist" }, ...steps.map((step, i) => el("li", {},
          el("label", {}, this.stepBoxes[i], " ", step.text, step.required ? el("span", { class: "pill" }, t("report.required")) : null))))] : null,
      el("label", { class: "field" }, t("report.faultCode"), this.fault),
      this.notes,
      this.partBoxes.length ? [el("h5", {}, t("report.parts")),
        el("ul", { class: "parts" }, ...this.partBoxes.map((box, i) => el("li", {}, el("label", {}, box, " ", this.catalog.parts[i].name))))] : null,
      el("h5", {}, t("report.photos")), el("label", { class: "button" }, t("report.photos"), this.photoInput), this.photoList,
      el("h5", {}, t("report.signature")), this.canvas,
      el("button", { type: "button", class: "link", onclick: () => this.#clearSignature() }, t("report.clearSignature")),
      this.warning,
      el("button", { type: "button", class: "primary", "data-testid": "job-resolve-submit", onclick: () => this.#submit() }, t("job.submitResolution")));
  }

  /** Required steps not done: all of them when submitting, else those before the last ticked one (skipped). */
  #missing(all) {
    const steps = this.steps;
    const last = all ? steps.length : this.stepBoxes.reduce((m, b, i) => (b.checked ? i : m), -1);
    return steps.filter((s, i) => s.required && i < last && !this.stepBoxes[i].checked);
  }

  #warn(all = false) {
    const missing = this.#missing(all);
    const problems = missing.map(s => t("report.skipped", { step: s.text }));
    if (all && this.catalog?.checklists?.[this.job.serviceType] && !this.fault.value) problems.push(`${t("report.faultCode")}: ${t("report.choose")}`);
    this.warning.hidden = problems.length === 0;
    this.warning.textContent = problems.join(" · ");
    if (problems.length && !this.warned) navigator.vibrate?.(150);
    this.warned = problems.length > 0;
    return problems.length === 0;
  }

  async #addPhotos() {
    const limit = this.catalog?.photoMaxBytes ?? 512 * 1024;
    for (const file of this.photoInput.files) {
      const blob = await shrink(file);
      if (blob.size > limit) {
        this.warning.hidden = false;
        this.warning.textContent = t("report.photoTooBig", { name: file.name, size: kb(blob.size), limit: kb(limit) });
        continue;
      }
      this.photos.push({ kind: "photo", blob, name: file.name });
      this.photoList.append(el("li", {}, `${file.name} · ${kb(blob.size)}`));
    }
    this.photoInput.value = "";
  }

  #signaturePad() {
    const ctx = this.canvas.getContext("2d");
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    let drawing = false;
    const point = e => {
      const r = this.canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * (this.canvas.width / r.width), (e.clientY - r.top) * (this.canvas.height / r.height)];
    };
    this.canvas.addEventListener("pointerdown", e => { drawing = true; this.canvas.setPointerCapture(e.pointerId); ctx.beginPath(); ctx.moveTo(...point(e)); });
    this.canvas.addEventListener("pointermove", e => { if (drawing) { ctx.lineTo(...point(e)); ctx.stroke(); this.signed = true; } });
    this.canvas.addEventListener("pointerup", () => { drawing = false; });
  }

  #clearSignature() {
    this.canvas.getContext("2d").clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.signed = false;
  }

  async #submit() {
    if (!this.#warn(true)) return;
    const uploads = [...this.photos];
    if (this.signed) uploads.push({ kind: "signature", blob: await new Promise(r => this.canvas.toBlob(r, "image/png")), name: "signature.png" });
    const hasRule = Boolean(this.catalog?.checklists?.[this.job.serviceType]);
    await this.submit({
      notes: this.notes.value.trim() || undefined,
      partsUsed: this.partBoxes.filter(b => b.checked).map(b => b.value),
      report: hasRule || this.fault.value || uploads.length
        ? { checksDone: this.stepBoxes.filter(b => b.checked).map(b => b.value), faultCode: this.fault.value || undefined }
        : undefined,
      uploads,
    });
  }
}
