// MapLibre's worker (it tiles the map's GeoJSON) is started when the console boots, before MapLibre's module has been
// compiled: on a cold load MapLibre otherwise starts it only after its own module has run, and the worker then fetches
// and compiles a module of its own (520 KB) before it can tile anything, one more step on the way to the first marker.
// Started early, that happens on the worker's thread while the page compiles MapLibre's. MapLibre has no way to be
// given a worker: it makes its workers with `new Worker(url)` inside prewarm(), synchronously for a same-origin URL, so
// for that call the Worker constructor hands over the one already running. A worker MapLibre did not take (a later
// version that makes them differently) is ended, and MapLibre's own are used as before.

/** Starts MapLibre's worker module (null where module workers are not supported: MapLibre then starts its own). */
export function startMapWorker() {
  try {
    return new Worker(new URL("lib/maplibre-gl/maplibre-gl-worker.mjs", document.baseURI), { type: "module" });
  } catch {
    return null;
  }
}

/** Starts MapLibre's workers (prewarm), handing it the early worker. True when MapLibre took it. */
export function prewarmMap(maplibre, early) {
  if (!early) {
    maplibre.prewarm();
    return false;
  }
  const NativeWorker = globalThis.Worker;
  let adopted = false;
  globalThis.Worker = function Worker(url, options) {
    if (!adopted && String(url).includes("maplibre-gl-worker")) {
      adopted = true;
      return early;
    }
    return new NativeWorker(url, options);
  };
  try {
    maplibre.prewarm();
  } finally {
    globalThis.Worker = NativeWorker;
  }
  if (!adopted) early.terminate();
  return adopted;
}
