#!/usr/bin/env bash
# PostgreSQL's own CPU per row for the three kinds of row a ticket's life writes most, with nothing of Dispatch in
# the way: no parameters to bind, no plan to make per change, 64 rows a statement, one client. It is a lower bound
# for what any design that keeps these rows can pay (docs/adr/0009-the-cost-floor-of-a-ticket.md):
#   events  an event appended to a copy of dispatch_events (its six indexes), ~400 bytes of JSON
#   states  a grain state of 1.7 KB rewritten in place in a copy of orleans_grain_state (its key index, fillfactor 70)
#   facets  a read-side day facet counted up in a copy of rm_ticket_day_facets (upsert of an existing row)
# Each case runs RUNS times for SECONDS seconds (pgbench); CPU is the postmaster's, its live and its reaped children's
# (/proc), so the database should have nothing else to do: `./dispatch db start`, not `./dispatch up`.
#   benchmarks/postgres-floor/floor.sh [runs 3] [seconds 10]
# The database: DISPATCH_DB_PORT (55432), database dispatch, its schema migrated (`./dispatch up` once).
# The scratch tables (floor_*) are dropped at the end.
set -euo pipefail
RUNS="${1:-3}" SECONDS_PER_RUN="${2:-10}"
BIN="${DISPATCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
CONNECT=(-h 127.0.0.1 -p "${DISPATCH_DB_PORT:-55432}" -U postgres)
psql_() { PGOPTIONS="-c client_min_messages=warning" "$BIN/psql" "${CONNECT[@]}" -d dispatch -qAt -v ON_ERROR_STOP=1 "$@"; }
work="$(mktemp -d)"
trap 'psql_ -c "DROP TABLE IF EXISTS floor_events, floor_states, floor_facets, floor_facet_source; DROP SEQUENCE IF EXISTS floor_event_position" >/dev/null; rm -rf "$work"' EXIT

postmaster="$(head -n 1 "$(psql_ -c 'SHOW data_directory')/postmaster.pid")"
# CPU seconds of the postmaster and every backend it started, ended ones included (a zombie reports none, so the
# caller waits for the reaping before it reads).
cpu_seconds() {
  local ticks stat child
  read -r -a stat < "/proc/$postmaster/stat"
  ticks=$((stat[13] + stat[14] + stat[15] + stat[16]))
  for child in $(pgrep -P "$postmaster"); do
    if read -r -a stat < "/proc/$child/stat" 2>/dev/null; then ticks=$((ticks + stat[13] + stat[14])); fi
  done
  echo "$ticks $(getconf CLK_TCK)" | awk '{ printf "%.2f", $1 / $2 }'
}

psql_ <<'SQL'
DROP TABLE IF EXISTS floor_events, floor_states, floor_facets, floor_facet_source;
DROP SEQUENCE IF EXISTS floor_event_position;
-- A copy of the event log with its indexes; its own position sequence, so the real log's numbers are not used up.
CREATE SEQUENCE floor_event_position;
CREATE TABLE floor_events (LIKE dispatch_events INCLUDING ALL EXCLUDING DEFAULTS);
ALTER TABLE floor_events ALTER recorded_at SET DEFAULT now(),
  ALTER position SET DEFAULT nextval('floor_event_position'), ALTER tx SET DEFAULT pg_current_xact_id();
-- 10,000 grains of 1.7 KB, the size a ticket's state is stored at.
CREATE TABLE floor_states (LIKE orleans_grain_state INCLUDING ALL) WITH (fillfactor = 70);
INSERT INTO floor_states (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, service_id, payload, version)
SELECT g, 7, 0, 0, 'ticket', 'floor-' || g, 'dispatch',
       convert_to((SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 53) i), 'UTF8'), 1
FROM generate_series(1, 10000) g;
-- 51,200 day facets, and a source to count 64 of them up at a time.
CREATE TABLE floor_facets (LIKE rm_ticket_day_facets INCLUDING ALL);
CREATE TABLE floor_facet_source AS
SELECT g AS rn, date_trunc('day', now()) - (g % 30) * interval '1 day' AS day_start,
       date_trunc('day', now()) - (g % 30 - 1) * interval '1 day' AS day_end, g % 2 = 0 AS by_engineer,
       'region-' || g % 6 AS region, 'P' || (1 + g % 4) AS priority, 'repair' AS service_type, 'standard' AS tier,
       'engineer-' || g / 60 AS engineer_id, 'stage' AS kind, 'stage-' || g % 7 AS name, 1::bigint AS tickets,
       (g % 600)::numeric AS seconds
FROM generate_series(1, 51200) g;
CREATE INDEX ON floor_facet_source (rn);
INSERT INTO floor_facets SELECT day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id, kind, name, tickets, seconds FROM floor_facet_source;
VACUUM ANALYZE floor_events, floor_states, floor_facets, floor_facet_source;
SQL

cat > "$work/events.sql" <<'SQL'
INSERT INTO floor_events (stream, sequence, type, at, actor_name, actor_role, data)
SELECT 'ticket:' || md5(random()::text), 1, 'ticket.changed', now(), 'floor', 'system', jsonb_build_object('note', repeat('x', 380))
FROM generate_series(1, 64);
SQL
cat > "$work/states.sql" <<'SQL'
\set first random(1, 9936)
UPDATE floor_states SET payload = overlay(payload PLACING int4send(version) FROM 1), version = version + 1, modified_at = now()
WHERE grain_id_hash >= :first AND grain_id_hash < :first + 64;
SQL
cat > "$work/facets.sql" <<'SQL'
\set first random(1, 51136)
INSERT INTO floor_facets AS d
SELECT day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id, kind, name, tickets, seconds
FROM floor_facet_source WHERE rn >= :first AND rn < :first + 64
ON CONFLICT (by_engineer, day_start, region, priority, service_type, tier, engineer_id, kind, name)
DO UPDATE SET tickets = d.tickets + excluded.tickets, seconds = d.seconds + excluded.seconds;
SQL

echo "postgres-floor: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $("$BIN/postgres" --version); $(date -u '+%Y-%m-%d %H:%M UTC')"
for case in events states facets; do
  per_row=()
  for run in $(seq 1 "$RUNS"); do
    before="$(cpu_seconds)"
    transactions="$("$BIN/pgbench" "${CONNECT[@]}" -n -c 1 -T "$SECONDS_PER_RUN" -f "$work/$case.sql" dispatch 2>&1 |
      sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')"
    sleep 2
    after="$(cpu_seconds)"
    [[ "${transactions:-0}" -gt 0 ]] || { echo "$case: pgbench processed nothing" >&2; exit 1; }
    per_row+=("$(awk -v a="$after" -v b="$before" -v t="$transactions" 'BEGIN { printf "%.4f", (a - b) * 1000 / (t * 64) }')")
    echo "$case run $run: $((transactions * 64)) rows, PostgreSQL $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }') s of CPU, ${per_row[-1]} ms a row"
  done
  printf '%s\n' "${per_row[@]}" | sort -n | awk -v c="$case" '{ v[NR] = $1 } END { printf "%s: median %.4f ms of PostgreSQL CPU a row\n", c, v[int((NR + 1) / 2)] }'
done
