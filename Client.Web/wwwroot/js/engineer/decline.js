// Declining an offer asks why from a fixed list (big buttons, no typing in a van), or keeps the offer.
import { t } from "../shared/i18n.js";
import { el } from "../shared/format.js";
import { declineReasons } from "./field-messages.js";

/** Resolves with the chosen reason's words, or null when the engineer keeps the offer. */
export function askDeclineReason() {
  return new Promise(resolve => {
    const dialog = el("dialog", { class: "decline-dialog", "data-testid": "decline-dialog" });
    const done = value => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.append(
      el("h2", {}, t("decline.title")),
      ...declineReasons.map(code => el("button", {
        type: "button", "data-testid": `decline-reason-${code}`, onclick: () => done(t(`decline.reason.${code}`)),
      }, t(`decline.reason.${code}`))),
      el("button", { type: "button", class: "link", "data-testid": "decline-cancel", onclick: () => done(null) }, t("decline.cancel")));
    dialog.addEventListener("cancel", event => { event.preventDefault(); done(null); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
