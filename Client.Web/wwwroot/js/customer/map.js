// The engineer on the way, on a map (MapLibre GL JS from npm). With no basemap configured (?basemap= or
// window.DISPATCH_BASEMAP) it is a plain background with two markers: the customer's place and the engineer.
import * as maplibregl from "../../lib/maplibre-gl/maplibre-gl.mjs";

const plainStyle = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#e8eef3" } }],
};

function dot(className, label) {
  const node = document.createElement("div");
  node.className = className;
  node.title = label;
  node.setAttribute("aria-label", label);
  return node;
}

export class ApproachMap {
  /** @param {HTMLElement} container */
  constructor(container) {
    const basemap = new URLSearchParams(location.search).get("basemap") || window.DISPATCH_BASEMAP || null;
    this.map = new maplibregl.Map({
      container,
      style: basemap ?? plainStyle,
      center: [121.4737, 31.2304],
      zoom: 12,
      attributionControl: basemap ? undefined : false,
      interactive: true,
    });
    this.home = new maplibregl.Marker({ element: dot("marker-home", "Your place") });
    this.engineer = new maplibregl.Marker({ element: dot("marker-engineer", "Your engineer") });
    this.home.getElement().dataset.testid = "marker-home";
    this.engineer.getElement().dataset.testid = "marker-engineer";
    this.fitted = false;
  }

  /** Shows both places and keeps them in view (the first time, and whenever the engineer leaves the view). */
  show(home, engineer) {
    this.home.setLngLat([home.lon, home.lat]).addTo(this.map);
    this.engineer.setLngLat([engineer.lon, engineer.lat]).addTo(this.map);
    const outOfView = !this.map.getBounds().contains([engineer.lon, engineer.lat]);
    if (!this.fitted || outOfView) {
      const bounds = new maplibregl.LngLatBounds([home.lon, home.lat], [home.lon, home.lat]).extend([engineer.lon, engineer.lat]);
      this.map.fitBounds(bounds, { padding: 48, maxZoom: 15, duration: 0 });
      this.fitted = true;
    }
  }

  resize() {
    this.map.resize();
  }
}
