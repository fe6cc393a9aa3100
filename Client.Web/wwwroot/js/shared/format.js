// Durations, times, distances: parsed from the API's shapes and shown in the page's language.
import { lang, t } from "./i18n.js";

/** Parses a .NET TimeSpan as System.Text.Json writes it ("[-][d.]hh:mm:ss[.fffffff]") into milliseconds. */
export function parseTimeSpan(value) {
  if (value == null) return null;
  if (typeof value === "number") return value * 1000;
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(String(value));
  if (!match) return null;
  const [, minus, days, hours, minutes, seconds, fraction] = match;
  const ms = ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000
    + Number(seconds) * 1000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  return minus ? -ms : ms;
}

/**
 * A time left, in words so that it never reads as a clock time: "14 min 33 s", "1 h 02 min", "2 d 03 h"; negative
 * (overdue) values get a leading "−". See formatDue for "in …" / "… overdue".
 */
export function formatCountdown(ms) {
  if (ms == null || Number.isNaN(ms)) return "–";
  return `${ms < 0 ? "−" : ""}${spell(ms)}`;
}

/** When a clock falls due, unambiguously: "in 14 min 33 s", "14 min 33 s overdue" (English and Chinese). */
export function formatDue(ms) {
  if (ms == null || Number.isNaN(ms)) return "–";
  return t(ms < 0 ? "due.overdue" : "due.in", { time: spell(ms) });
}

function spell(ms) {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const two = n => String(n).padStart(2, "0");
  if (d > 0) return `${d} ${t("unit.day")} ${two(h)} ${t("unit.h")}`;
  if (h > 0) return `${h} ${t("unit.h")} ${two(m)} ${t("unit.min")}`;
  if (m > 0) return `${m} ${t("unit.min")} ${two(s)} ${t("unit.s")}`;
  return `${s} ${t("unit.s")}`;
}

/** A short human duration: "45 s", "12 min", "3.5 h". */
export function formatDuration(ms) {
  if (ms == null || Number.isNaN(ms)) return "–";
  const s = Math.abs(ms) / 1000;
  if (s < 90) return `${Math.round(s)} ${t("unit.s")}`;
  if (s < 5400) return `${Math.round(s / 60)} ${t("unit.min")}`;
  return `${(s / 3600).toFixed(1)} ${t("unit.h")}`;
}

export function formatDistance(meters) {
  if (meters == null) return "–";
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(1)} km`;
}

function locale() {
  return lang() === "zh" ? "zh-CN" : "en-GB";
}

/** Time of day, with the date when it is not today. */
export function formatTime(iso) {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "–";
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" })
    : date.toLocaleString(locale(), { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** "12 s ago". */
export function formatAge(iso) {
  if (!iso) return "–";
  return t("time.ago", { duration: formatDuration(Date.now() - Date.parse(iso)) });
}

export function formatPercent(fraction) {
  return fraction == null ? "–" : `${(fraction * 100).toFixed(1)}%`;
}

export function formatCoords(lat, lon) {
  return lat == null || lon == null ? "–" : `${Number(lat).toFixed(5)}, ${Number(lon).toFixed(5)}`;
}

/** Replaces a node's children, skipping null and false (replaceChildren would write "null"). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(c => c != null && c !== false));
  return node;
}

/** Creates an element: el("td", {class: "x", dataset: {id: 1}}, "text", child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "text") node.textContent = value;
    // Through the CSSOM: the Content-Security-Policy refuses style attributes, not style properties.
    else if (key === "style") node.style.cssText = String(value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
