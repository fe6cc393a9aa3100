// MapLibre, the console's largest module, and its worker (which tiles the map's GeoJSON), loaded once for the page.
//
// On a cold load MapLibre starts its worker only once its own module has been compiled and run, and the worker then
// fetches and compiles a module of its own (520 KB) before it can tile anything: one more step on the way to the first
// marker. A signed-in console starts the worker at boot (startMapWorker), so that happens on the worker's thread while
// the page compiles MapLibre's module. MapLibre has no way to be given a worker: it makes its workers with
// `new Worker(url)` inside prewarm(), synchronously for a same-origin URL, so for that call the Worker constructor
// hands over the one already running. A worker MapLibre did not take (a later version that makes them differently) is
// ended, and MapLibre's own are used as before. The hand-over happens before anything else sees the module, so no map
// is made before it (a map made first would start a worker of its own).

let early = null;
let library = null;
let held = Promise.resolve();

/**
 * MapLibre's module is evaluated and the map made (some 0.8 s of the page's main thread on a loaded 2-core machine, and
 * the first frames, during which the main thread waits for software WebGL) only once this has settled: the console
 * holds it until the hub's snapshot has been read or a moment has passed. Run first, that work held up the hub's
 * connect and snapshot, which the first marker needs as much as the map. The module's fetch and compile (off the main
 * thread) and the worker are not held.
 */
export function holdMapUntil(promise) {
  held = promise.then(() => {}, () => {});
}

/** Starts MapLibre's worker module now (nothing where module workers are not supported: MapLibre starts its own). */
export function startMapWorker() {
  if (early || library) return;
  try {
    early = new Worker(new URL("lib/maplibre-gl/maplibre-gl-worker.mjs", document.baseURI), { type: "module" });
  } catch {
    early = null;
  }
}

/** MapLibre's module (the URL the HTML preloads), its workers started (with the early one, if any). */
export function mapLibrary() {
  library ??= held.then(() => import("../../lib/maplibre-gl/maplibre-gl.mjs")).then(maplibre => {
    performance.mark("console:map-library");
    if (adopt(maplibre, early)) performance.mark("console:map-worker-adopted");
    early = null;
    return maplibre;
  }, error => {
    early?.terminate();
    early = null;
    throw error;
  });
  return library;
}

function adopt(maplibre, worker) {
  if (!worker) {
    maplibre.prewarm();
    return false;
  }
  const NativeWorker = globalThis.Worker;
  let adopted = false;
  globalThis.Worker = function Worker(url, options) {
    if (!adopted && String(url).includes("maplibre-gl-worker")) {
      adopted = true;
      return worker;
    }
    return new NativeWorker(url, options);
  };
  try {
    maplibre.prewarm();
  } finally {
    globalThis.Worker = NativeWorker;
  }
  if (!adopted) worker.terminate();
  return adopted;
}
