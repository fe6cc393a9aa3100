// Shares the engineer's position: from the browser's geolocation, or in demo mode (?demo=1) along a
// simulated route (towards the current job when there is one, else a loop around the start point).
// Reports go through the hub's ReportPosition (or the REST fallback) every few seconds.

const earth = 6_371_000;
const rad = d => (d * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distance(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earth * Math.asin(Math.sqrt(h));
}

/** The point `meters` from `from` towards `to` (never past it). */
function towards(from, to, meters) {
  const d = distance(from, to);
  if (d <= meters || d === 0) return { ...to };
  const f = meters / d;
  return { lat: from.lat + (to.lat - from.lat) * f, lon: from.lon + (to.lon - from.lon) * f };
}

export class PositionReporter {
  /**
   * @param {{report: (lat, lon, at, accuracy) => Promise<string>, onUpdate: (info) => void}} options
   */
  constructor({ report, onUpdate }) {
    this.report = report;
    this.onUpdate = onUpdate;
    this.mode = "off";
    this.last = null; // {lat, lon, at, outcome}
    this.lastSent = 0;
    this.watchId = null;
    this.timer = null;
    this.target = null;
    this.sending = false;
  }

  /** Where the demo route goes next: a job's location, or null to loop around the start. */
  setTarget(point) {
    this.target = point;
  }

  startGeolocation() {
    this.stop();
    if (!navigator.geolocation) {
      this.mode = "unavailable";
      this.onUpdate({ mode: this.mode });
      return;
    }
    this.mode = "gps";
    this.onUpdate({ mode: this.mode });
    this.watchId = navigator.geolocation.watchPosition(
      position => {
        const point = { lat: position.coords.latitude, lon: position.coords.longitude };
        const moved = this.last ? distance(this.last, point) : Infinity;
        // At most every 5 s, or sooner after a real move.
        if (Date.now() - this.lastSent >= 5000 || (moved > 25 && Date.now() - this.lastSent >= 1000)) {
          this.#send(point, new Date(position.timestamp), position.coords.accuracy);
        }
      },
      error => {
        this.mode = "denied";
        this.onUpdate({ mode: this.mode, error: error.message });
      },
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 });
  }

  /** Demo mode: moves about 12 m/s and reports every `every` ms. */
  startDemo(origin, every = 3000) {
    this.stop();
    if (!origin) {
      this.mode = "unavailable";
      this.onUpdate({ mode: this.mode });
      return;
    }
    this.mode = "demo";
    const step = 12 * (every / 1000);
    const radius = 400;
    let angle = 0;
    let here = { ...origin };
    const loopPoint = a => ({
      lat: origin.lat + (radius / earth) * (180 / Math.PI) * Math.sin(a),
      lon: origin.lon + ((radius / earth) * (180 / Math.PI) * Math.cos(a)) / Math.cos(rad(origin.lat)),
    });
    const move = () => {
      if (this.target) {
        here = towards(here, this.target, step);
      } else {
        const next = loopPoint(angle);
        if (distance(here, next) > step * 1.5) here = towards(here, next, step);
        else {
          angle += step / radius;
          here = loopPoint(angle);
        }
      }
      this.#send(here, new Date(), 8);
    };
    move();
    this.timer = setInterval(move, every);
  }

  async #send(point, at, accuracy) {
    if (this.sending) return;
    this.sending = true;
    this.lastSent = Date.now();
    try {
      const outcome = await this.report(point.lat, point.lon, at.toISOString(), accuracy ?? null);
      this.last = { ...point, at: at.toISOString(), outcome };
    } catch (error) {
      this.last = { ...point, at: at.toISOString(), outcome: "error", error: String(error?.message ?? error) };
    } finally {
      this.sending = false;
    }
    this.onUpdate({ mode: this.mode, last: this.last });
  }

  stop() {
    if (this.watchId != null) navigator.geolocation.clearWatch(this.watchId);
    clearInterval(this.timer);
    this.watchId = null;
    this.timer = null;
    this.mode = "off";
  }
}
