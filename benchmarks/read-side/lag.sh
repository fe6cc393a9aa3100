#!/usr/bin/env bash
# Projection lag while intake runs: the load generator opens tickets at RATE a second for DURATION seconds
# against a running Dispatch, and every 250 ms this samples the age of the oldest event committed to the log and
# not yet in the read models (dispatch_projection_age; 0 when caught up, so it bounds how late any event is at
# that moment). Prints its p50/p95/p99/max over the run and the events projected a second. Start it with the
# projector caught up (the age printed first is about 0), or it measures the catch-up instead.
#   benchmarks/read-side/lag.sh [http://127.0.0.1:5080] [rate 400] [duration 60] [engineers 4000]
# The database: DISPATCH_DB_PORT (55432), database dispatch, as ./dispatch up runs it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${1:-http://127.0.0.1:5080}" RATE="${2:-400}" DURATION="${3:-60}" ENGINEERS="${4:-4000}"
PSQL=(psql -h 127.0.0.1 -p "${DISPATCH_DB_PORT:-55432}" -U postgres -d dispatch -qAt)
applied() { "${PSQL[@]}" -c "SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'read-model'"; }
echo "before: $("${PSQL[@]}" -c "SELECT events_behind || ' events behind, oldest ' || round(age_seconds::numeric, 2) || ' s' FROM dispatch_projection_lag('read-model')")"
generator="$ROOT/benchmarks/Dispatch.LoadGenerator/bin/${DISPATCH_CONFIGURATION:-Release}/net10.0/Dispatch.LoadGenerator.dll"
dotnet "$generator" --target "$BASE" --rate "$RATE" --duration "$DURATION" --engineers "$ENGINEERS" --quiet --no-store-check \
  --engineer-prefix "lag-e" > /tmp/read-side-load.$$ 2>&1 &
load=$!
samples=/tmp/read-side-lag.$$
: > "$samples"
# The generator first registers its engineers; the samples start with the arrivals.
until grep -q "registered, Available" /tmp/read-side-load.$$ 2>/dev/null || ! kill -0 "$load" 2>/dev/null; do sleep 0.5; done
start_applied="$(applied)" started=$SECONDS
while kill -0 "$load" 2>/dev/null; do
  "${PSQL[@]}" -c "SELECT dispatch_projection_age('read-model')" >> "$samples"
  sleep 0.25
done
wait "$load" || echo "load generator exit code $?"
elapsed=$((SECONDS - started)); end_applied="$(applied)"
grep -E "^(tickets|throughput|errors):|^intake" /tmp/read-side-load.$$ || tail -20 /tmp/read-side-load.$$
sort -n "$samples" | awk '{ v[NR] = $1 } END { printf "projection lag (age of the oldest unprojected event), %d samples: p50=%.3f s p95=%.3f s p99=%.3f s max=%.3f s\n", NR, v[int(NR*0.5)+1], v[int(NR*0.95)+1], v[int(NR*0.99)+1], v[NR] }'
echo "events projected: $((end_applied - start_applied)) in ${elapsed} s"
rm -f "$samples" /tmp/read-side-load.$$
