// English and Simplified Chinese for every visible string. The choice is remembered in localStorage.
// Static text carries data-i18n="key" (text), data-i18n-placeholder, data-i18n-title or data-i18n-aria;
// scripts call t(key, params). A missing key shows the key itself, so a gap is visible, not silent.
import { messages } from "./messages.js";

const storageKey = "dispatch.lang";
const listeners = new Set();

function initial() {
  const query = new URLSearchParams(location.search).get("lang");
  const stored = localStorage.getItem(storageKey);
  const wanted = query ?? stored ?? (navigator.language?.toLowerCase().startsWith("zh") ? "zh" : "en");
  return wanted in messages ? wanted : "en";
}

let current = initial();

export function lang() {
  return current;
}

/** The text for key in the current language; {name} placeholders are filled from params. */
export function t(key, params) {
  const text = messages[current][key] ?? messages.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? "") : text;
}

/** t() for an enumeration value (status, SLA state...), falling back to the raw value when unknown. */
export function tv(prefix, value) {
  if (value == null || value === "") return "–";
  const key = `${prefix}.${value}`;
  return messages[current][key] ?? messages.en[key] ?? String(value);
}

export function applyI18n(root = document) {
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
  for (const node of root.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
  const title = document.querySelector("title[data-i18n]");
  if (title) document.title = t(title.dataset.i18n);
}

export function setLang(value) {
  if (!(value in messages) || value === current) return;
  current = value;
  localStorage.setItem(storageKey, value);
  applyI18n();
  for (const listener of listeners) listener(value);
}

/** Called after the language changed (pages re-render what scripts wrote). */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** Wires a <select> with options en / zh as the language switch. */
export function mountLanguageSwitch(select) {
  select.value = current;
  select.addEventListener("change", () => setLang(select.value));
}
