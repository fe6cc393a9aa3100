#!/usr/bin/env bash
# Bundles the browser libraries from npm into wwwroot/lib (no CDN; the pages work offline).
#   Client.Web/build-web-assets.sh           install (npm ci) when package-lock.json changed, then copy
#   Client.Web/build-web-assets.sh --force   reinstall and copy again
#   Client.Web/build-web-assets.sh --bundle-only   only bundle the console's modules (the project's build runs this when one changed)
# Idempotent and fast when up to date: npm ci runs only when package-lock.json is newer than the last
# install, and a file is copied only when it differs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$HERE/wwwroot/lib"
STAMP="$HERE/node_modules/.dispatch-installed"

say() { printf '\033[1mweb-assets:\033[0m %s\n' "$*" >&2; }

# The console's ES modules in one file (MapLibre stays its own module, loaded by URL), minified, with a linked source
# map that a browser fetches only when its developer tools are open.
bundle_console() {
  "$HERE/node_modules/.bin/esbuild" "$HERE/wwwroot/js/console/main.js" --bundle --format=esm --minify --sourcemap \
    --external:'*maplibre-gl.mjs' --outfile="$LIB/console/console.js" --log-level=warning
}
if [[ "${1:-}" == "--bundle-only" ]]; then bundle_console; exit 0; fi

command -v npm >/dev/null || { say "npm not found: apt-get install -y nodejs npm"; exit 1; }

if [[ "${1:-}" == "--force" || ! -f "$STAMP" || "$HERE/package-lock.json" -nt "$STAMP" || "$HERE/package.json" -nt "$STAMP" ]]; then
  say "npm ci (package-lock.json changed or first run)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$STAMP"
fi

# source (under node_modules) -> destination (under wwwroot/lib)
FILES=(
  "maplibre-gl/dist/maplibre-gl.mjs:maplibre-gl/maplibre-gl.mjs"
  "maplibre-gl/dist/maplibre-gl-worker.mjs:maplibre-gl/maplibre-gl-worker.mjs"
  "maplibre-gl/dist/maplibre-gl.css:maplibre-gl/maplibre-gl.css"
  "maplibre-gl/LICENSE.txt:maplibre-gl/LICENSE.txt"
  "@microsoft/signalr/dist/browser/signalr.min.js:signalr/signalr.min.js"
  "chart.js/dist/chart.umd.min.js:chart.js/chart.umd.min.js"
  "chart.js/LICENSE.md:chart.js/LICENSE.md"
)

copied=0
for pair in "${FILES[@]}"; do
  src="$HERE/node_modules/${pair%%:*}"
  dst="$LIB/${pair#*:}"
  [[ -f "$src" ]] || { say "missing $src (run with --force)"; exit 1; }
  if ! cmp -s "$src" "$dst" 2>/dev/null; then
    mkdir -p "$(dirname "$dst")"
    cp "$src" "$dst"
    copied=$((copied + 1))
  fi
done
bundle_console
# The offline basemap of the sample city, generated from its regions (Client.Web/basemap/generate-basemap.mjs).
BASEMAP_IN="$HERE/../Silo/regions/sample-city.geojson"
BASEMAP_OUT="$LIB/basemap/sample-city.json"
if [[ ! -f "$BASEMAP_OUT" || "$BASEMAP_IN" -nt "$BASEMAP_OUT" || "$HERE/basemap/generate-basemap.mjs" -nt "$BASEMAP_OUT" ]]; then
  node "$HERE/basemap/generate-basemap.mjs" "$BASEMAP_IN" "$BASEMAP_OUT"
  copied=$((copied + 1))
fi
say "wwwroot/lib up to date ($copied file(s) copied or generated)"
