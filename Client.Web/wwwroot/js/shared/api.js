// Calls to Dispatch's HTTP API with the page's bearer token; errors arrive as ProblemDetails and are
// turned into an ApiError whose message names the title, the detail and every field error.
import { t } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.path = path;
  }

  /** One line for people: "title — detail; field: message; ...". */
  describe() {
    const p = this.problem ?? {};
    const parts = [];
    if (p.title) parts.push(p.title);
    if (p.detail && p.detail !== p.title) parts.push(p.detail);
    for (const [field, messages] of Object.entries(p.errors ?? {})) {
      parts.push(`${field}: ${[].concat(messages).join(", ")}`);
    }
    if (parts.length === 0) parts.push(`${t("error.http")} ${this.status}`);
    return parts.join(" — ");
  }
}

/** Describes any error (ApiError, network failure, hub error) in one line. */
export function describeError(error) {
  if (error instanceof ApiError) return error.describe();
  const message = String(error?.message ?? error);
  // SignalR wraps server exceptions: "An unexpected error occurred invoking 'X' on the server. HubException: ..."
  const hub = message.match(/HubException: (.*)$/);
  return hub ? hub[1] : message;
}

/**
 * Creates an API caller bound to a token source.
 * @param {() => string|null|Promise<string|null>} tokenOf returns the bearer token (renewed when due)
 * @param {() => void} onUnauthorized called on 401 (the page shows its login form again)
 */
export function apiClient(tokenOf, onUnauthorized) {
  return async function api(path, { method = "GET", body, headers: extra } = {}) {
    const headers = { ...extra, Accept: "application/json" };
    const token = await tokenOf();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, { title: t("error.network"), detail: String(error.message ?? error) }, path);
    }
    if (response.status === 401) onUnauthorized?.();
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = { title: text.slice(0, 200) };
      }
    }
    if (!response.ok) throw new ApiError(response.status, json, path);
    return json;
  };
}
