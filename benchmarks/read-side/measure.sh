#!/usr/bin/env bash
# Times the read side of a running Dispatch over HTTP (./dispatch up, then ./dispatch seed): ticket search
# (p50/p95 over a mix of filters: status, region, priority and SLA state, customer, engineer, text, time ranges,
# and paging on by cursor), a 30-day KPI report with its daily series and by region, the stages, backlog and
# 5-15-30 reports, and a CSV export of about 100,000 tickets (time, rows, bytes, the web node's peak resident memory).
#   benchmarks/read-side/measure.sh [http://127.0.0.1:5080] [web-node-pid]
# CSV_DAYS (10) sets the export's window: the tickets created in the last CSV_DAYS days (10,000 a day when seeded so).
set -euo pipefail
BASE="${1:-http://127.0.0.1:5080}"
WEB_PID="${2:-}"
TOKEN="$(curl -sf -X POST "$BASE/api/dev/token" -H 'Content-Type: application/json' -d '{"role":"supervisor"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')"
get() { curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
body() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
percentiles() { sort -n | awk '{ v[NR] = $1 } END { printf "n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms\n", NR, v[int(NR*0.5)+1]*1000, v[int(NR*0.95)+1]*1000, v[NR]*1000 }'; }
iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
cursor_of() { sed -nE 's/.*"nextCursor":"([^"]+)".*/\1/p'; }

echo "projection: $(curl -sf "$BASE/health" | grep -o '"projections":{[^}]*}' || true)"

regions=(university old-town harbour airport riverside tech-park)
queries=()
for i in $(seq 0 19); do
  r=${regions[$((i % 6))]}
  queries+=("/api/tickets?region=$r&status=Closed&limit=50"
            "/api/tickets?q=site%20$((i * 23 + 7))&limit=50"
            "/api/tickets?q=EXT-seed-&status=Waiting,OnSite&limit=50"
            "/api/tickets?priority=P1&slaState=breached&createdFrom=$(iso "-$((i + 5)) days")&limit=50"
            "/api/tickets?region=$r&createdFrom=$(iso "-$((i + 2)) days")&createdTo=$(iso "-$((i + 1)) days")&limit=50"
            "/api/tickets?resolvedFrom=$(iso "-$((i + 3)) days")&resolvedTo=$(iso "-$((i + 2)) days")&status=Resolved,Closed&limit=50"
            "/api/tickets?customerId=seed-c-$((i * 97 + 1))&limit=50"
            "/api/tickets?engineerId=seed-e-$r-$((i + 1))&status=Resolved,Closed&limit=50"
            "/api/tickets?status=Waiting,OnSite&region=$r&sort=-updatedAt&limit=50"
            "/api/tickets?serviceType=installation&breached=resolution&limit=50")
done
for q in "${queries[@]:0:10}"; do get "$q" >/dev/null; done # warm the connection pools and plans
echo -n "search, first pages: "; for q in "${queries[@]}"; do get "$q"; done | tee /tmp/read-side-search.$$ | percentiles
# Paging on: pages 2-6 of a region's closed tickets and of a whole day, each by the previous page's cursor.
for first in "/api/tickets?region=harbour&status=Closed&limit=50" "/api/tickets?createdFrom=$(iso '-3 days')&createdTo=$(iso '-2 days')&limit=100"; do
  page="$first"
  for n in 2 3 4 5 6; do
    cursor="$(body "$page" | cursor_of)"
    [[ -n "$cursor" ]] || break
    page="$first&cursor=$cursor"
    get "$page"
  done
done > /tmp/read-side-pages.$$
echo -n "search, pages 2-6 by cursor: "; percentiles < /tmp/read-side-pages.$$
echo -n "search, all together: "; cat /tmp/read-side-search.$$ /tmp/read-side-pages.$$ | percentiles
rm -f /tmp/read-side-search.$$ /tmp/read-side-pages.$$

from30="$(iso '-30 days')"; now="$(iso now)"
echo -n "30-day KPIs, whole: "; for i in $(seq 1 10); do get "/api/reports/kpis?from=$from30&to=$now"; done | percentiles
echo -n "30-day KPIs, daily series: "; for i in $(seq 1 10); do get "/api/reports/kpis?from=$from30&to=$now&groupBy=day"; done | percentiles
echo -n "30-day KPIs by region: "; for i in $(seq 1 10); do get "/api/reports/kpis?from=$from30&to=$now&groupBy=region"; done | percentiles
echo -n "30-day stages: "; for i in $(seq 1 10); do get "/api/reports/stages?from=$from30&to=$now"; done | percentiles
echo -n "5-15-30: "; for i in $(seq 1 5); do get "/api/reports/5-15-30"; done | percentiles
echo -n "backlog: "; for i in $(seq 1 10); do get "/api/reports/backlog"; done | percentiles

# CSV: the tickets of the last CSV_DAYS days, about 100,000 rows at 10,000 a day.
days="${CSV_DAYS:-10}"
peak=0
if [[ -n "$WEB_PID" ]]; then
  ( while kill -0 "$WEB_PID" 2>/dev/null; do awk '/VmRSS/ { print $2 }' "/proc/$WEB_PID/status"; sleep 0.1; done ) > /tmp/read-side-rss.$$ &
  sampler=$!
fi
before_rss="$( [[ -n "$WEB_PID" ]] && awk '/VmRSS/ { print $2 }' "/proc/$WEB_PID/status" || echo 0)"
result="$(curl -sf -H "Authorization: Bearer $TOKEN" -o /tmp/read-side-csv.$$ -w '%{time_starttransfer} %{time_total} %{size_download}' \
  "$BASE/api/tickets?format=csv&createdFrom=$(iso "-$days days")&createdTo=$now")"
rows=$(($(wc -l < /tmp/read-side-csv.$$) - 1))
if [[ -n "$WEB_PID" ]]; then kill "$sampler"; peak="$(sort -n /tmp/read-side-rss.$$ | tail -1)"; rm -f /tmp/read-side-rss.$$; fi
read -r first total bytes <<< "$result"
echo "csv: $rows rows, $bytes bytes, first byte after $first s, all in $total s; web node RSS before ${before_rss} KB, peak ${peak} KB"
rm -f /tmp/read-side-csv.$$
