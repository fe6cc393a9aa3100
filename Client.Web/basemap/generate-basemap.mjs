// Generates the offline basemap of the sample city from its city model (Silo/regions/sample-city.geojson), so
// that the console's map is readable with no internet: land, the river along the districts' eastern border, a
// lake, major roads (a ring, two axes and an arterial between every pair of neighbouring districts) and a grid of
// minor streets. Deterministic: the same regions give the same file. No dependencies (node only).
//   node generate-basemap.mjs REGIONS.geojson OUT.json
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

const [regionsFile, outFile] = process.argv.slice(2);
if (!regionsFile || !outFile) {
  console.error("usage: node generate-basemap.mjs REGIONS.geojson OUT.json");
  process.exit(2);
}
const regions = JSON.parse(readFileSync(regionsFile, "utf8")).features
  .filter(f => f.geometry?.type === "Polygon")
  .map(f => ({ id: f.properties.id, name: f.properties.name ?? f.properties.id, ring: f.geometry.coordinates[0] }));

const round = v => Math.round(v * 1e5) / 1e5;
const pt = ([x, y]) => [round(x), round(y)];
const xs = regions.flatMap(r => r.ring.map(p => p[0]));
const ys = regions.flatMap(r => r.ring.map(p => p[1]));
const [minX, minY, maxX, maxY] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
const margin = 0.03;
const midY = (minY + maxY) / 2;
// Degrees of longitude are shorter than degrees of latitude by cos(latitude): widths are kept even in metres.
const kx = Math.cos((midY * Math.PI) / 180);

const features = [];
const add = (kind, geometry, properties = {}) => features.push({ type: "Feature", properties: { kind, ...properties }, geometry });

// Land: the city and a margin around it.
add("land", { type: "Polygon", coordinates: [[[minX - margin, minY - margin], [maxX + margin, minY - margin], [maxX + margin, maxY + margin], [minX - margin, maxY + margin], [minX - margin, minY - margin]].map(pt)] });

// Borders two districts share (their common edges), keyed by the pair.
const key = (a, b) => `${a[0]},${a[1]}|${b[0]},${b[1]}`;
const edges = new Map();
for (const r of regions) {
  for (let i = 0; i + 1 < r.ring.length; i++) {
    const [a, b] = [r.ring[i], r.ring[i + 1]];
    const k = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? key(a, b) : key(b, a);
    (edges.get(k) ?? edges.set(k, { a, b, owners: new Set() }).get(k)).owners.add(r.id);
  }
}
const shared = [...edges.values()].filter(e => e.owners.size === 2);

// The river runs along the city's longest north–south chain of shared borders east of the centre: the chain of
// edges whose vertices are the easternmost shared vertices at each latitude, from the top of the map to the bottom.
const centreX = (minX + maxX) / 2;
const eastern = shared.filter(e => Math.min(e.a[0], e.b[0]) > centreX - 0.01 && Math.abs(e.a[1] - e.b[1]) > Math.abs(e.a[0] - e.b[0]));
const riverPoints = [...new Map(eastern.flatMap(e => [e.a, e.b]).map(p => [`${p[0]},${p[1]}`, p])).values()].sort((p, q) => q[1] - p[1]);
if (riverPoints.length >= 2) {
  // Out to the edge of the land at both ends.
  const path = [[riverPoints[0][0], maxY + margin], ...riverPoints, [riverPoints.at(-1)[0], minY - margin]];
  add("water", { type: "Polygon", coordinates: [buffer(path, 0.0032)] }, { name: "River" });
  add("waterway", { type: "LineString", coordinates: path.map(pt) }, { name: "River" });
}

// A lake in the north-western district (the one whose centre lies furthest north-west).
const centres = regions.map(r => ({ ...r, c: centroid(r.ring) }));
const northWest = [...centres].sort((p, q) => (p.c[0] - p.c[1]) - (q.c[0] - q.c[1]))[0];
if (northWest) {
  const [cx, cy] = northWest.c;
  const lake = [];
  for (let i = 0; i <= 24; i++) {
    const a = (i / 24) * 2 * Math.PI;
    lake.push(pt([cx + (0.009 / kx) * Math.cos(a) * (1 + 0.15 * Math.sin(3 * a)), cy + 0.0055 * Math.sin(a)]));
  }
  lake[lake.length - 1] = lake[0];
  add("water", { type: "Polygon", coordinates: [lake] }, { name: `${northWest.name} Lake` });
}

// Minor streets: a grid over the city, one street every ~1.1 km.
const step = 0.01;
for (let x = Math.ceil(minX / step) * step; x <= maxX; x += step) add("road", { type: "LineString", coordinates: [pt([x, minY]), pt([x, maxY])] }, { class: "minor" });
for (let y = Math.ceil(minY / step) * step; y <= maxY; y += step) add("road", { type: "LineString", coordinates: [pt([minX, y]), pt([maxX, y])] }, { class: "minor" });

// Major roads: two axes through the centre, a ring road, and an arterial between neighbouring districts' centres.
const [cx, cy] = [(minX + maxX) / 2, midY];
add("road", { type: "LineString", coordinates: [pt([minX - margin, cy]), pt([maxX + margin, cy])] }, { class: "major", name: "Central Avenue" });
add("road", { type: "LineString", coordinates: [pt([cx - 0.02, maxY + margin]), pt([cx - 0.02, minY - margin])] }, { class: "major", name: "North–South Road" });
const ring = [];
for (let i = 0; i <= 48; i++) {
  const a = (i / 48) * 2 * Math.PI;
  ring.push(pt([cx + (maxX - minX) * 0.33 * Math.cos(a), cy + (maxY - minY) * 0.36 * Math.sin(a)]));
}
ring[ring.length - 1] = ring[0];
add("road", { type: "LineString", coordinates: ring }, { class: "major", name: "Ring Road" });
const neighbours = new Set(shared.map(e => [...e.owners].sort().join("|")));
for (const pair of [...neighbours].sort()) {
  const [p, q] = pair.split("|").map(id => centres.find(c => c.id === id));
  add("road", { type: "LineString", coordinates: [pt(p.c), pt(q.c)] }, { class: "major", name: `${p.name}–${q.name}` });
}

// District borders and names, for a basemap that stands without the live regions too.
for (const r of regions) add("border", { type: "LineString", coordinates: r.ring.map(pt) }, { region: r.id });
for (const r of centres) add("place", { type: "Point", coordinates: pt(r.c) }, { name: r.name, region: r.id });

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({ type: "FeatureCollection", features }));
console.error(`basemap: ${features.length} features -> ${outFile}`);

/** Area-weighted centroid of a ring. */
function centroid(ring) {
  let area = 0, x = 0, y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += f;
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
  }
  return Math.abs(area) < 1e-12 ? ring[0] : [x / (3 * area), y / (3 * area)];
}

/** A polygon of the given width (degrees of latitude) around a path: each vertex pushed out along its mean normal. */
function buffer(path, width) {
  const left = [], right = [];
  for (let i = 0; i < path.length; i++) {
    const prev = path[Math.max(0, i - 1)], next = path[Math.min(path.length - 1, i + 1)];
    const dx = (next[0] - prev[0]) * kx, dy = next[1] - prev[1];
    const length = Math.hypot(dx, dy) || 1;
    const [nx, ny] = [-dy / length, dx / length];
    left.push(pt([path[i][0] + (nx * width) / 2 / kx, path[i][1] + (ny * width) / 2]));
    right.push(pt([path[i][0] - (nx * width) / 2 / kx, path[i][1] - (ny * width) / 2]));
  }
  return [...left, ...right.reverse(), left[0]];
}
