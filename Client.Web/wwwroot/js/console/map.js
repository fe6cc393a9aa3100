// The live map (MapLibre GL JS from npm, no CDN). With no basemap configured (or offline) it is a plain
// background with the service regions as filled, outlined, labelled polygons; a basemap style URL can be
// given by window.DISPATCH_BASEMAP or ?basemap=. On top: a heatmap layer (demand, SLA risk or response
// time, built from the server's grid cells, weight = the cell's value), open tickets coloured by SLA
// state and engineers coloured by status.
import * as maplibregl from "../../lib/maplibre-gl/maplibre-gl.mjs";

// Colour-blind-safe (Okabe–Ito) and distinct between the two sets: engineers are ringed in white, tickets in black,
// and no engineer status shares a hue with a ticket state ("en route" sky blue, "running" ticket dark blue).
export const engineerColors = {
  Available: "#009E73",
  Offered: "#E69F00",
  EnRoute: "#56B4E9",
  OnSite: "#CC79A7",
  OnBreak: "#BBBBBB",
  Offline: "#000000",
};

export const slaColors = {
  running: "#0051A2",
  warning: "#F0E442",
  breached: "#D55E00",
  paused: "#777777",
  met: "#009E73",
  none: "#332288",
};

/** What a heat cell's value means, for the legend. */
export const heatUnits = { demand: "heat.unit.demand", risk: "heat.unit.risk", response: "heat.unit.response" };

/** The 95th percentile of the values: one outlier cell no longer washes every other cell out. */
export function robustMax(values) {
  const sorted = values.map(Math.abs).filter(v => v > 0).sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * (sorted.length - 1)))];
}

const heatRamps = {
  demand: ["#dbeafe", "#60a5fa", "#2563eb", "#7c3aed", "#4c1d95"],
  risk: ["#fef3c7", "#fcd34d", "#f59e0b", "#ea580c", "#b91c1c"],
  response: ["#dcfce7", "#86efac", "#facc15", "#f97316", "#dc2626"],
};

const regionFills = ["#8fb8de", "#a7d3a6", "#f2c18d", "#c6b3e6", "#f4a6a6", "#9fd8d2", "#e6d58f", "#b7c4d1"];

const plainStyle = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#e8eef3" } }],
};

const empty = () => ({ type: "FeatureCollection", features: [] });

function match(property, colors, fallback) {
  return ["match", ["get", property], ...Object.entries(colors).flat(), fallback];
}

/** The basemap style URL, if one is configured: ?basemap= first, then window.DISPATCH_BASEMAP. */
export function basemapUrl() {
  return new URLSearchParams(location.search).get("basemap") || window.DISPATCH_BASEMAP || null;
}

/** Area-weighted centroid of a polygon's outer ring (falls back to the vertex mean). */
function centroid(ring) {
  let area = 0, x = 0, y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += f;
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
  }
  if (Math.abs(area) < 1e-12) {
    const n = ring.length || 1;
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  return [x / (3 * area), y / (3 * area)];
}

function outerRings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates[0]];
  if (geometry.type === "MultiPolygon") return geometry.coordinates.map(p => p[0]);
  return [];
}

export class LiveMap {
  /**
   * @param {HTMLElement} container
   * @param {{onTicket: (id) => void, onEngineer: (id) => void, onMessage: (text|null) => void}} callbacks
   */
  constructor(container, callbacks) {
    this.container = container;
    this.callbacks = callbacks;
    this.data = { regions: empty(), heat: empty(), tickets: empty(), engineers: empty(), routes: empty() };
    this.ticketMarkers = [];
    this.engineerMarkers = [];
    this.heatLayer = "demand";
    this.visible = { tickets: true, engineers: true };
    this.selected = null;
    this.ready = false;
    this.fitted = false;
    this.labels = [];
    this.map = null;
    this.#create(basemapUrl());
  }

  #create(basemap) {
    try {
      this.map = new maplibregl.Map({
        container: this.container,
        style: basemap ?? plainStyle,
        center: [121.4737, 31.2304],
        zoom: 10,
        attributionControl: basemap ? undefined : false,
        // Keep the canvas readable for screenshots.
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch (error) {
      this.map = null;
      this.callbacks.onMessage?.(`map unavailable: ${error.message ?? error}`);
      return;
    }
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    let loaded = false;
    if (basemap) {
      // Offline or a bad URL: fall back to the plain map instead of showing nothing.
      const fallback = () => {
        if (loaded) return;
        console.warn("basemap did not load; using the plain map");
        this.map.remove();
        this.#create(null);
      };
      const timer = setTimeout(fallback, 8000);
      this.map.once("error", () => { clearTimeout(timer); fallback(); });
    }
    this.map.on("load", () => {
      loaded = true;
      this.#addLayers();
      this.ready = true;
      for (const name of Object.keys(this.data)) this.#push(name);
      this.#applyVisibility();
      this.#labelRegions();
      this.#fit();
    });
  }

  #addLayers() {
    const map = this.map;
    // Tickets and engineers cluster (MapLibre's GeoJSON clustering) until zoom 14: thousands of points stay fast and readable.
    const clustered = new Set(["tickets", "engineers"]);
    for (const name of Object.keys(this.data)) {
      map.addSource(name, clustered.has(name)
        ? { type: "geojson", data: this.data[name], cluster: true, clusterMaxZoom: 13, clusterRadius: 36 }
        : { type: "geojson", data: this.data[name] });
    }
    map.addLayer({
      id: "regions-fill", type: "fill", source: "regions",
      paint: { "fill-color": ["get", "fill"], "fill-opacity": 0.18 },
    });
    map.addLayer({
      id: "regions-outline", type: "line", source: "regions",
      paint: { "line-color": "#4a6a8a", "line-width": 1.5, "line-dasharray": [3, 2] },
    });
    map.addLayer({
      id: "heat", type: "heatmap", source: "heat",
      paint: {
        "heatmap-weight": ["get", "w"],
        "heatmap-intensity": ["interpolate", ["linear"], ["zoom"], 8, 0.8, 14, 1.6],
        "heatmap-radius": ["interpolate", ["linear"], ["zoom"], 8, 18, 12, 45, 15, 90],
        "heatmap-opacity": 0.75,
        "heatmap-color": this.#ramp(this.heatLayer),
      },
    });
    map.addLayer({
      id: "routes", type: "line", source: "routes",
      paint: { "line-color": engineerColors.EnRoute, "line-width": 3, "line-dasharray": [2, 1.5], "line-opacity": 0.9 },
    });
    // Clusters: size by count (no glyphs are needed, so they work offline); the hover card gives the count.
    for (const [name, color, stroke] of [["tickets", "#0051A2", "#14202e"], ["engineers", "#009E73", "#ffffff"]]) {
      map.addLayer({
        id: `${name}-clusters`, type: "circle", source: name, filter: ["has", "point_count"],
        paint: {
          "circle-color": color, "circle-opacity": 0.55, "circle-stroke-color": stroke, "circle-stroke-width": 2,
          "circle-radius": ["step", ["get", "point_count"], 12, 10, 16, 50, 21, 200, 27, 1000, 34],
        },
      });
    }
    map.addLayer({
      id: "tickets-selected", type: "circle", source: "tickets",
      filter: ["==", ["get", "id"], ""],
      paint: { "circle-radius": 15, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#14202e", "circle-stroke-width": 2.5 },
    });
    map.addLayer({
      id: "tickets", type: "circle", source: "tickets", filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-radius": ["match", ["get", "priority"], "P1", 9, "P2", 8, "P3", 7, 6],
        "circle-color": match("slaState", slaColors, slaColors.none),
        "circle-stroke-color": "#14202e",
        "circle-stroke-width": ["case", [">", ["get", "escalationLevel"], 0], 2.5, 1],
        "circle-opacity": 0.9,
      },
    });
    map.addLayer({
      id: "engineers", type: "circle", source: "engineers", filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-radius": 6,
        "circle-color": match("status", engineerColors, "#666"),
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2.5,
      },
    });
    const pointLayers = () => ["engineers", "tickets", "engineers-clusters", "tickets-clusters"].filter(l => this.visible[l.replace("-clusters", "")]);
    const card = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 12, className: "hover-card" });
    this.card = card;
    map.on("mousemove", event => {
      const hit = map.queryRenderedFeatures(event.point, { layers: pointLayers() })[0];
      map.getCanvas().style.cursor = hit ? "pointer" : "";
      if (!hit) {
        card.remove();
        return;
      }
      card.setLngLat(hit.geometry.coordinates).setDOMContent(this.callbacks.hoverCard?.(hit.layer.id, hit.properties) ?? document.createTextNode("")).addTo(map);
    });
    map.getCanvas().addEventListener("mouseleave", () => card.remove());
    map.on("click", async event => {
      const hit = map.queryRenderedFeatures(event.point, { layers: pointLayers() })[0];
      if (!hit) return;
      if (hit.layer.id.endsWith("-clusters")) {
        // A cluster opens up: zoom to where it splits.
        const source = map.getSource(hit.layer.id.replace("-clusters", ""));
        const zoom = await source.getClusterExpansionZoom(hit.properties.cluster_id);
        map.easeTo({ center: hit.geometry.coordinates, zoom });
      } else if (hit.layer.id === "tickets") this.callbacks.onTicket?.(hit.properties.id);
      else this.callbacks.onEngineer?.(hit.properties.id);
    });
  }

  /** The colours of a heat layer, low to high (for the legend). */
  static rampColors(layer) {
    return heatRamps[layer] ?? heatRamps.demand;
  }

  #ramp(layer) {
    const colors = heatRamps[layer] ?? heatRamps.demand;
    return ["interpolate", ["linear"], ["heatmap-density"],
      0, "rgba(0,0,0,0)", 0.15, colors[0], 0.35, colors[1], 0.55, colors[2], 0.8, colors[3], 1, colors[4]];
  }

  #push(name) {
    if (!this.ready) return;
    this.map.getSource(name)?.setData(this.data[name]);
  }

  #applyVisibility() {
    if (!this.ready) return;
    this.map.setLayoutProperty("heat", "visibility", this.heatLayer === "none" ? "none" : "visible");
    if (this.heatLayer !== "none") this.map.setPaintProperty("heat", "heatmap-color", this.#ramp(this.heatLayer));
    for (const layer of ["tickets", "engineers"]) {
      for (const id of [layer, `${layer}-clusters`]) this.map.setLayoutProperty(id, "visibility", this.visible[layer] ? "visible" : "none");
    }
    this.map.setLayoutProperty("routes", "visibility", this.visible.engineers ? "visible" : "none");
    this.map.setLayoutProperty("tickets-selected", "visibility", this.visible.tickets ? "visible" : "none");
    this.map.setFilter("tickets-selected", ["==", ["get", "id"], this.selected ?? ""]);
  }

  #labelRegions() {
    if (!this.ready) return;
    for (const label of this.labels) label.remove();
    this.labels = [];
    for (const feature of this.data.regions.features) {
      const rings = outerRings(feature.geometry);
      if (!rings.length) continue;
      const ring = rings.reduce((a, b) => (b.length > a.length ? b : a));
      const node = document.createElement("div");
      node.className = "region-label";
      node.dataset.testid = "region-label";
      node.textContent = feature.properties?.name ?? feature.properties?.id ?? "";
      this.labels.push(new maplibregl.Marker({ element: node }).setLngLat(centroid(ring)).addTo(this.map));
    }
  }

  #fit() {
    if (!this.ready || this.fitted) return;
    const points = [];
    for (const feature of this.data.regions.features) for (const ring of outerRings(feature.geometry)) points.push(...ring);
    if (!points.length) {
      for (const name of ["tickets", "engineers"]) for (const f of this.data[name].features) points.push(f.geometry.coordinates);
    }
    if (!points.length) return;
    const bounds = new maplibregl.LngLatBounds(points[0], points[0]);
    for (const p of points) bounds.extend(p);
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
    this.fitted = true;
  }

  /** The service regions (a GeoJSON FeatureCollection with properties id, name). */
  setRegions(collection) {
    const features = (collection?.features ?? []).map((feature, i) => ({
      ...feature,
      properties: { ...feature.properties, fill: regionFills[i % regionFills.length] },
    }));
    this.data.regions = { type: "FeatureCollection", features };
    this.#push("regions");
    this.#labelRegions();
    this.#fit();
  }

  setTickets(markers) {
    this.ticketMarkers = markers;
    this.#routes();
    this.data.tickets = {
      type: "FeatureCollection",
      features: markers.map(t => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [t.lon, t.lat] },
        properties: {
          id: t.id, slaState: t.slaState, priority: t.priority, status: t.status, escalationLevel: t.escalationLevel ?? 0,
          title: t.title, engineerId: t.engineerId ?? "", nextDueAt: t.nextDueAt ?? "", nextDueMetric: t.nextDueMetric ?? "",
        },
      })),
    };
    this.#push("tickets");
    this.#fit();
  }

  setEngineers(markers) {
    this.engineerMarkers = markers;
    this.#routes();
    this.data.engineers = {
      type: "FeatureCollection",
      features: markers.map(e => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [e.lon, e.lat] },
        properties: { id: e.id, status: e.status, name: e.name, jobs: e.jobs },
      })),
    };
    this.#push("engineers");
    this.#fit();
  }

  /** En-route engineers: a line from where they are to their job (straight: the project has no road network). */
  #routes() {
    const engineers = new Map(this.engineerMarkers.map(e => [e.id, e]));
    const features = [];
    for (const t of this.ticketMarkers) {
      const e = t.status === "EnRoute" && t.engineerId ? engineers.get(t.engineerId) : null;
      if (!e) continue;
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: [[e.lon, e.lat], [t.lon, t.lat]] },
        properties: { engineerId: e.id, ticketId: t.id },
      });
    }
    this.data.routes = { type: "FeatureCollection", features };
    this.#push("routes");
  }

  /** The heat cells of the shown layer; weights are scaled to the layer's 95th percentile (above it: full colour). */
  setHeat(cells) {
    const max = robustMax(cells.map(c => c.value)) || 1;
    this.heatScale = max;
    this.data.heat = {
      type: "FeatureCollection",
      features: cells.map(c => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [c.lon, c.lat] },
        properties: { cell: c.cell, value: c.value, w: Math.min(1, Math.abs(c.value) / max) },
      })),
    };
    this.#push("heat");
  }

  showHeat(layer) {
    this.heatLayer = layer;
    this.#applyVisibility();
  }

  show(layer, visible) {
    this.visible[layer] = visible;
    this.#applyVisibility();
  }

  select(ticketId) {
    this.selected = ticketId;
    this.#applyVisibility();
  }

  flyTo(lon, lat) {
    if (this.ready && Number.isFinite(lon) && Number.isFinite(lat)) this.map.easeTo({ center: [lon, lat], zoom: Math.max(this.map.getZoom(), 13) });
  }

  resize() {
    this.map?.resize();
  }
}
