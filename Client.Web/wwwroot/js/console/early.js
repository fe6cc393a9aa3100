// Runs as soon as it arrives (async), before main.js and the console's modules: a tab that holds a console session
// starts fetching and compiling MapLibre, the console's largest module, which main.js would otherwise only ask for once
// it and its imports had loaded and run. The same URL as map.js's import, so the module is fetched once. A session that
// turns out to be expired costs one preloaded module, kept in the cache for the sign-in's way back.
if (sessionStorage.getItem("dispatch.console.session")) {
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = "lib/maplibre-gl/maplibre-gl.mjs";
  link.fetchPriority = "high";
  document.head.append(link);
}
