// What the Tickets and Reports pages share: the console's session (signed in once for all three pages),
// the sign-in form, the API caller, CSV downloads with the bearer token, and the query string.
import { mountLanguageSwitch, onLanguageChange } from "../shared/i18n.js";
import { Session } from "../shared/auth.js";
import { apiClient, describeError } from "../shared/api.js";
import { w } from "./text.js";

const $ = id => document.getElementById(id);
export const session = new Session("dispatch.console.session");
const readers = new Set(["dispatcher", "supervisor", "admin"]);

/** Renders the static words (data-w="key") of the page. */
export function applyWords(root = document) {
  for (const node of root.querySelectorAll("[data-w]")) node.textContent = w(node.dataset.w);
  for (const node of root.querySelectorAll("[data-w-placeholder]")) node.placeholder = w(node.dataset.wPlaceholder);
}

/**
 * Starts the page: shows the sign-in form until a reader of the read side is signed in, then calls start(api).
 * @param {(api: Function) => void} start
 * @param {() => void} rerender called when the language changes
 */
export function mountPage(start, rerender) {
  mountLanguageSwitch($("lang"));
  applyWords();
  onLanguageChange(() => { applyWords(); rerender?.(); });
  const api = apiClient(() => session.freshToken(), () => signedOut());

  function signedOut() {
    session.signOut();
    $("content").hidden = true;
    $("sign-out").hidden = true;
    $("who").textContent = "";
    $("login").hidden = false;
  }

  function begin() {
    $("login").hidden = true;
    $("content").hidden = false;
    $("sign-out").hidden = false;
    $("who").textContent = `${session.current.role} · ${session.current.name}`;
    start(api);
  }

  $("login-form").addEventListener("submit", async event => {
    event.preventDefault();
    const role = new FormData(event.currentTarget).get("role");
    try {
      await session.signIn(role);
      begin();
    } catch (error) {
      $("login-error").hidden = false;
      $("login-error").textContent = `${w("login.failed")}: ${describeError(error)}`;
    }
  });
  $("sign-out").addEventListener("click", signedOut);
  if (session.current && readers.has(session.current.role)) begin();
  else signedOut();
}

/** A query string of the non-empty values. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value != null && value !== "") params.set(key, value);
  }
  return params.toString();
}

/** A datetime-local value ("2026-11-30T08:00") as an instant with the browser's offset, as the API wants. */
export function instant(local) {
  if (!local) return "";
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** Downloads path with format=csv through the bearer token (a plain link would carry none). */
export async function downloadCsv(path, fileName) {
  const separator = path.includes("?") ? "&" : "?";
  const token = await session.freshToken();
  const response = await fetch(`${path}${separator}format=csv`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { describeError };
