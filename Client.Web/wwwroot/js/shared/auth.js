// Who is signed in on this page: a bearer token kept in sessionStorage (per tab), with what it says about
// the user. In Development the token comes from POST /api/dev/token; in production a page would get it
// from the identity provider instead.
import { ApiError } from "./api.js";

/** Reads the claims of a JWT without verifying it (the server verifies; the page only displays). */
function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(atob(payload).split("").map(c => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** A token this close to expiry is renewed before it is used: the server closes hub connections at expiry. */
const RENEW_BEFORE_MS = 30_000;

export class Session {
  #renewal = null;

  /** @param {string} storageKey where this page keeps its token (console and engineer app keep separate ones) */
  constructor(storageKey) {
    this.storageKey = storageKey;
  }

  /** What is stored, expired or not: a renewal needs the role and engineer id. */
  #stored() {
    const raw = sessionStorage.getItem(this.storageKey);
    if (!raw) return null;
    try {
      return JSON.parse(raw);
    } catch {
      this.signOut();
      return null;
    }
  }

  /** The current session ({token, role, engineerId, expiresAt}) or null when signed out or expired. */
  get current() {
    const session = this.#stored();
    if (!session) return null;
    return session.expiresAt && Date.parse(session.expiresAt) <= Date.now() ? null : session;
  }

  get token() {
    return this.current?.token ?? null;
  }

  /**
   * A token good for a while yet: the current one, or a renewed one when it is about to expire (in Development
   * from /api/dev/token again; with an identity provider this is where its silent renewal goes). Null when signed
   * out or the renewal failed. Concurrent callers share one renewal.
   */
  async freshToken() {
    const session = this.#stored();
    if (!session) return null;
    if (!session.expiresAt || Date.parse(session.expiresAt) - Date.now() > RENEW_BEFORE_MS) return session.token;
    this.#renewal ??= this.signIn(session.role, session.engineerId ?? undefined)
      .then(renewed => renewed.token, error => {
        console.warn("token renewal failed:", error);
        return null;
      })
      .finally(() => { this.#renewal = null; });
    return this.#renewal;
  }

  /** Obtains a development token for the role; throws an ApiError on failure. */
  async signIn(role, engineerId) {
    const body = engineerId ? { role, engineerId } : { role };
    const response = await fetch("/api/dev/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new ApiError(response.status, await response.json().catch(() => null), "/api/dev/token");
    }
    const { token } = await response.json();
    const claims = claimsOf(token);
    const session = {
      token,
      role,
      engineerId: engineerId ?? claims.engineer_id ?? null,
      name: claims.name ?? claims.sub ?? role,
      expiresAt: claims.exp ? new Date(claims.exp * 1000).toISOString() : null,
    };
    sessionStorage.setItem(this.storageKey, JSON.stringify(session));
    return session;
  }

  signOut() {
    sessionStorage.removeItem(this.storageKey);
  }
}
