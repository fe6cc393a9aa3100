// The counts on the map's clusters, drawn by WebGL in the markers' frame: a symbol layer over each cluster layer whose
// icon is the count itself, an image the page draws on a 2D canvas the first time the map asks for it. The map ships no
// font glyphs (it works offline, and a text layer needs them). The HTML labels this replaces, one DOM marker per cluster
// placed at each idle map, showed the old clusters' counts between a zoom and the next idle; drawn here, the counts
// change with the clusters. (Panning measured no faster either way: README, "Cluster counts drawn by WebGL".)
import { slaUrgency } from "./map-look.js";

const prefix = "cluster-count:";
// Dark figures on the light fill of a "warning" cluster, white (with a dark halo) on the others.
const tones = {
  light: { fill: "#fff", halo: "rgba(0,0,0,.8)" },
  dark: { fill: "#14202e", halo: null },
};
const font = "700 11.5px system-ui, sans-serif";

/** The id of the count's image as a style expression: its tone and MapLibre's abbreviated count ("12", "1.2k"). */
function imageOf(layer) {
  const tone = layer === "tickets-clusters"
    ? ["case", ["==", ["get", "worst"], slaUrgency.indexOf("warning")], "dark", "light"]
    : "light";
  return ["concat", prefix, tone, ":", ["to-string", ["get", "point_count_abbreviated"]]];
}

/** The count layer drawn over a cluster layer (`tickets-clusters` → `tickets-cluster-counts`). */
export const countLayerOf = clusterLayer => clusterLayer.replace("-clusters", "-cluster-counts");

/**
 * Adds a count layer above each cluster layer, and makes the images they ask for. The count layers follow their
 * cluster layer's visibility through the caller (LiveMap#show).
 */
export function addClusterCounts(map, clusterLayers) {
  map.on("styleimagemissing", event => {
    if (event.id.startsWith(prefix) && !map.hasImage(event.id)) {
      const { image, pixelRatio } = draw(event.id);
      map.addImage(event.id, image, { pixelRatio });
    }
  });
  for (const layer of clusterLayers) {
    const source = map.getLayer(layer).source;
    map.addLayer({
      id: countLayerOf(layer), type: "symbol", source, filter: ["has", "point_count"],
      layout: { "icon-image": imageOf(layer), "icon-allow-overlap": true, "icon-ignore-placement": true },
    });
  }
}

/** The image of `cluster-count:{tone}:{text}`, at the screen's pixel density. */
function draw(id) {
  const [tone, ...text] = id.slice(prefix.length).split(":");
  const label = text.join(":");
  const look = tones[tone] ?? tones.light;
  const pixelRatio = Math.max(1, window.devicePixelRatio || 1);
  const canvas = document.createElement("canvas");
  let context = canvas.getContext("2d");
  context.font = font;
  const pad = 3;
  const width = Math.ceil(context.measureText(label).width) + 2 * pad;
  const height = 14 + 2 * pad;
  canvas.width = Math.ceil(width * pixelRatio);
  canvas.height = Math.ceil(height * pixelRatio);
  // Resizing a canvas resets its context.
  context = canvas.getContext("2d");
  context.scale(pixelRatio, pixelRatio);
  context.font = font;
  context.textAlign = "center";
  context.textBaseline = "middle";
  if (look.halo) {
    context.shadowColor = look.halo;
    context.shadowBlur = 2 * pixelRatio;
  }
  context.fillStyle = look.fill;
  context.fillText(label, width / 2, height / 2 + 0.5);
  return { image: context.getImageData(0, 0, canvas.width, canvas.height), pixelRatio };
}
