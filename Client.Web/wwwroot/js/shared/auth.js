// Who is signed in on this page: a bearer token kept in sessionStorage (per tab), with what it says about
// the user. A password session (signin.html, /api/auth/sign-in) renews its token with its refresh token; in
// Development a page may also take a token from POST /api/dev/token.
import { ApiError } from "./api.js";

/** How this server signs people in ({devTokens, passwords}); asked once per page. */
export const signInOptions = fetch("/api/auth/options", { headers: { Accept: "application/json" } })
  .then(response => (response.ok ? response.json() : { devTokens: false, passwords: true }))
  .catch(() => ({ devTokens: false, passwords: true }));

/** Sends the page to the sign-in page, which comes back to it once signed in. */
export function goToSignIn(app, message) {
  const query = new URLSearchParams({ app });
  if (message) query.set("message", message);
  location.replace(`signin.html?${query}`);
}

/** Where each app keeps its session (separate, so that one tab may hold the console and another the engineer app). */
export const storageKeys = {
  console: "dispatch.console.session",
  engineer: "dispatch.engineer.session",
  admin: "dispatch.admin.session",
};

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
      sessionStorage.removeItem(this.storageKey);
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
   * A token good for a while yet: the current one, or a renewed one when it is about to expire (a password session
   * with its refresh token, which is replaced by a new one each time; in Development from /api/dev/token again).
   * Null when signed out or the renewal failed. Concurrent callers share one renewal.
   */
  async freshToken() {
    const session = this.#stored();
    if (!session) return null;
    if (!session.expiresAt || Date.parse(session.expiresAt) - Date.now() > RENEW_BEFORE_MS) return session.token;
    const renew = session.refreshToken
      ? () => this.#refresh(session.refreshToken)
      : () => this.signIn(session.role, session.engineerId ?? undefined);
    this.#renewal ??= renew()
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

  async #refresh(refreshToken) {
    const response = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) {
      // Refused (used before, revoked, the account disabled): the session is over.
      sessionStorage.removeItem(this.storageKey);
      throw new ApiError(response.status, await response.json().catch(() => null), "/api/auth/refresh");
    }
    return this.usePasswordSession(await response.json());
  }

  /** Keeps the tokens of /api/auth/sign-in, /password or /refresh as this page's session. */
  usePasswordSession(tokens) {
    const claims = claimsOf(tokens.accessToken);
    const session = {
      token: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      role: tokens.role,
      engineerId: tokens.engineerId ?? null,
      regions: tokens.regions ?? [],
      name: claims.name ?? tokens.userName,
      expiresAt: tokens.expiresAt,
    };
    sessionStorage.setItem(this.storageKey, JSON.stringify(session));
    return session;
  }

  signOut() {
    const refreshToken = this.#stored()?.refreshToken;
    sessionStorage.removeItem(this.storageKey);
    if (refreshToken) {
      // Ends the session on the server too; the page does not wait for it.
      fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refreshToken }),
      }).catch(() => {});
    }
  }
}
