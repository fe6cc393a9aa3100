// The board's markers drawn at once on a plain 2D canvas over the map, until MapLibre draws them. The snapshot is read
// about a second before MapLibre's first marker (on a machine without a GPU: its 1.1 MB module, its worker, tiling the
// GeoJSON, compiling the circles' shaders), so for that time the preview shows the engineers and open tickets at the
// camera the map will take and in its colours (map-look.js); the map's first frame with markers removes it (map.js).
// It is a picture, not a map: no clusters (MapLibre groups markers closer than 36 px below zoom 14, the preview draws
// each one), no interaction (pointer-events: none), no basemap.
import { engineerLook, engineerMarker, firstView, firstViewPoints, ticketLook, ticketMarker } from "./map-look.js";

// MapLibre's world is 512 px wide at zoom 0.
const tileSize = 512;
const maxLatitude = 85.051129;

/** Marks the first marker on screen, whichever of the preview and the map drew it. */
export function markFirstMarkerDrawn() {
  if (!performance.getEntriesByName("console:first-marker-drawn", "mark").length) performance.mark("console:first-marker-drawn");
}

/** Web Mercator as MapLibre projects: [x, y] in 0..1 of the world, y downwards. */
function mercator([lon, lat]) {
  const sin = Math.sin(Math.max(-maxLatitude, Math.min(maxLatitude, lat)) * Math.PI / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

/**
 * The projection (lngLat to CSS px) of the camera the map takes in a box of width × height: MapLibre's fitBounds of
 * the first view's points (no bearing, the same padding on every side, at most the first view's zoom), or the first
 * view's centre and zoom while there is nothing to fit (or no room for the padding, where fitBounds does nothing).
 */
export function firstViewProjection(points, width, height) {
  let center = mercator(firstView.center);
  let zoom = firstView.zoom;
  if (points.length) {
    let [left, top] = mercator(points[0]);
    let [right, bottom] = [left, top];
    for (const point of points) {
      const [x, y] = mercator(point);
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    const inner = [width - 2 * firstView.padding, height - 2 * firstView.padding];
    if (inner[0] > 0 && inner[1] > 0) {
      const scale = Math.min(inner[0] / ((right - left) * tileSize), inner[1] / ((bottom - top) * tileSize));
      zoom = Math.min(Math.log2(scale), firstView.maxZoom);
      center = [(left + right) / 2, (top + bottom) / 2];
    }
  }
  const world = tileSize * 2 ** zoom;
  return lngLat => {
    const [x, y] = mercator(lngLat);
    return [(x - center[0]) * world + width / 2, (y - center[1]) * world + height / 2];
  };
}

export class MarkerPreview {
  #container;
  #canvas;
  #observer;
  #tickets = [];
  #engineers = [];
  #regions = [];
  #visible = { tickets: true, engineers: true };
  // The map's own projection once it has its camera; until then the first view's (firstViewProjection).
  #mapProjection = null;
  #frame = 0;
  #drewMarker = false;
  // The container's size (CSS px) at the last drawing.
  #size = null;

  /** @param {HTMLElement} container the map's container: the canvas covers it exactly. */
  constructor(container) {
    this.#container = container;
    const canvas = document.createElement("canvas");
    canvas.className = "marker-preview";
    canvas.dataset.testid = "marker-preview";
    canvas.setAttribute("aria-hidden", "true");
    container.append(canvas);
    this.#canvas = canvas;
    // Drawn again when the container is laid out or resized (the first call comes once it is observed).
    this.#observer = new ResizeObserver(() => this.#schedule());
    this.#observer.observe(container);
  }

  /** The open tickets, as the board has them (lon, lat, priority, slaState, escalationLevel). */
  setTickets(markers) {
    this.#tickets = markers;
    this.#schedule();
  }

  /** The engineers, as the board has them (lon, lat, status). */
  setEngineers(markers) {
    this.#engineers = markers;
    this.#schedule();
  }

  /** The service regions' features: the first view fits them. */
  setRegions(features) {
    this.#regions = features;
    this.#schedule();
  }

  show(layer, visible) {
    this.#visible[layer] = visible;
    this.#schedule();
  }

  /** Draw with the map's projection (lngLat to CSS px of the container) from now on: the map has its camera. */
  follow(project) {
    this.#mapProjection = project;
    this.#schedule();
  }

  /** Where a point is drawn (was at the last drawing), in CSS px of the container (for tests). */
  project(lngLat) {
    const [width, height] = this.#size ?? [this.#container.clientWidth, this.#container.clientHeight];
    return this.#projection(width, height)(lngLat);
  }

  remove() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#observer.disconnect();
    this.#canvas.remove();
  }

  #projection(width, height) {
    if (this.#mapProjection) {
      const project = this.#mapProjection;
      return lngLat => {
        const point = project(lngLat);
        return [point.x, point.y];
      };
    }
    return firstViewProjection(firstViewPoints(this.#regions, this.#tickets, this.#engineers), width, height);
  }

  // Changes that come together (the snapshot's tickets and engineers, a resize) are drawn once, before the next paint.
  #schedule() {
    if (this.#frame || !this.#canvas.isConnected) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw() {
    const width = this.#container.clientWidth;
    const height = this.#container.clientHeight;
    if (!width || !height) return;
    this.#size = [width, height];
    const ratio = window.devicePixelRatio || 1;
    const canvas = this.#canvas;
    // Setting the size clears the canvas.
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const project = this.#projection(width, height);
    let shown = 0;
    const circle = (lon, lat, radius, color, opacity, ring, ringWidth) => {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
      const [x, y] = project([lon, lat]);
      const outer = radius + ringWidth;
      if (x < -outer || y < -outer || x > width + outer || y > height + outer) return;
      // As MapLibre draws a circle: the fill at the layer's opacity, the ring (stroke) outside the radius, opaque.
      context.globalAlpha = opacity;
      context.fillStyle = color;
      context.beginPath();
      context.arc(x, y, radius, 0, 2 * Math.PI);
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = ring;
      context.lineWidth = ringWidth;
      context.beginPath();
      context.arc(x, y, radius + ringWidth / 2, 0, 2 * Math.PI);
      context.stroke();
      shown++;
    };
    // The map's order: engineers over tickets.
    if (this.#visible.tickets) {
      for (const t of this.#tickets) {
        const look = ticketLook(t);
        circle(t.lon, t.lat, look.r, look.c, ticketMarker.opacity, ticketMarker.ring, look.sw);
      }
    }
    if (this.#visible.engineers) {
      for (const e of this.#engineers) {
        const look = engineerLook(e);
        circle(e.lon, e.lat, engineerMarker.radius, look.c, engineerMarker.opacity, look.sc ?? engineerMarker.ring, look.sw ?? engineerMarker.ringWidth);
      }
    }
    if (shown && !this.#drewMarker) {
      this.#drewMarker = true;
      performance.mark("console:preview-marker-drawn");
      markFirstMarkerDrawn();
    }
  }
}
