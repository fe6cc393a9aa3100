// How old the console's live data is. Every push and every answered pulse counts as hearing from the server;
// the console pulses every two seconds, so a dead connection shows within seconds, not when the transport's
// 30 s timeout notices. The banner shows when the connection is down or nothing was heard for staleAfterMs.
import { t } from "../shared/i18n.js";
import { formatDuration } from "../shared/format.js";

export class DataAge {
  constructor(banner, badge, { staleAfterMs = 5000 } = {}) {
    this.banner = banner;
    this.badge = badge;
    this.staleAfterMs = staleAfterMs;
    this.lastHeard = null;
    this.connection = "connecting";
  }

  heard() {
    this.lastHeard = Date.now();
    this.render();
  }

  setConnection(state) {
    this.connection = state;
    this.render();
  }

  /** fresh, stale (connected but silent) or lost (not connected). */
  get state() {
    if (this.connection !== "connected") return "lost";
    if (this.lastHeard == null || Date.now() - this.lastHeard > this.staleAfterMs) return "stale";
    return "fresh";
  }

  render() {
    const state = this.state;
    const age = this.lastHeard == null ? null : formatDuration(Date.now() - this.lastHeard);
    this.banner.dataset.state = state;
    this.banner.hidden = state === "fresh";
    this.banner.textContent = state === "fresh" ? ""
      : age == null ? t("age.never")
      : t(state === "lost" ? "age.lost" : "age.stale", { age });
    // The badge never says "Live" over stale data.
    this.badge.dataset.stale = String(state !== "fresh");
  }
}
