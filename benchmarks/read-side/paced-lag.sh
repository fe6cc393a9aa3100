#!/usr/bin/env bash
# Projection lag while events arrive at the pace of RATE tickets a second, without the intake: the load generator
# cannot push 400 tickets/s through the web node and the silo on two cores, so pgbench writes the events straight into
# dispatch_events, in the grains' format, as they would arrive. Every transaction holds one event of each of 10
# different tickets; W = 10 x RATE tickets are in flight, each taking its next event (created, dispatching, offered,
# accepted, en route, on site, resolved, survey, closed, SLA warning) once a second, so a projector batch holds one or
# two events of many tickets (as live traffic does), not a ticket's whole life. RATE tickets/s = 10 x RATE events/s.
# The tickets are staggered: every second RATE of them are opened and RATE close, as at a steady RATE tickets/s. (Until
# 2026-12-01 all W started in the same second, so every tenth second opened W tickets: ten times the rate, in bursts.)
# The first 10 s ramp up, from the tickets opened since the run began.
# Samples, every 250 ms, the age of the oldest committed event not yet projected (dispatch_projection_age) and
# prints its p50/p95/p99/max. It waits (up to 10 minutes) until the projector has caught up, so that a run measures the
# pace and not what an earlier run left behind, and closes the tickets still in flight when it stops.
#   DISPATCH_DB_PORT=55916 benchmarks/read-side/paced-lag.sh [rate 400] [duration 60]
set -euo pipefail
RATE="${1:-400}" DURATION="${2:-60}" WINDOW=$((10 * ${1:-400}))
BIN="$(ls -d /usr/lib/postgresql/*/bin | tail -1)"
PSQL=("$BIN/psql" -h 127.0.0.1 -p "${DISPATCH_DB_PORT:-55432}" -U postgres -d dispatch -qAt)
applied() { "${PSQL[@]}" -c "SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'read-model'"; }
# Each run its own tickets (paced-RUN-N) and its own count of events, so that runs at different rates never meet.
RUN="$(date +%s)"
SEQ="paced_events_$RUN"
"${PSQL[@]}" -c "CREATE SEQUENCE $SEQ"
trap '"${PSQL[@]}" -c "DROP SEQUENCE IF EXISTS $SEQ"' EXIT
for (( waited = 0; waited < 600; waited++ )); do
  [[ "$("${PSQL[@]}" -c "SELECT events_behind FROM dispatch_projection_lag('read-model')")" == 0 ]] && break
  sleep 1
done
echo "before (after waiting ${waited} s for the projector): $("${PSQL[@]}" -c "SELECT events_behind || ' events behind, oldest ' || round(age_seconds::numeric, 2) || ' s' FROM dispatch_projection_lag('read-model')")"
script=/tmp/paced-lag.$$.sql samples=/tmp/paced-lag.$$.samples out=/tmp/paced-lag.$$.out
# Event k is round r = k / W (one a second) of slot j = k % W. A slot's ticket takes step s = (r + j) % 10 + 1, and a new
# ticket takes the slot after step 10: the slots start their tickets ten rounds apart, spread over the rounds by j.
# Steps of tickets that would have started before the run are left out.
cat > "$script" <<SQL
INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
SELECT 'ticket:paced-$RUN-' || t, s,
       (ARRAY['ticket.created', 'ticket.dispatching', 'ticket.offered', 'ticket.accepted', 'ticket.en-route', 'ticket.on-site',
              'ticket.resolved', 'ticket.survey', 'ticket.closed', 'sla.warning'])[s],
       clock_timestamp(), 'paced', 'system',
       jsonb_build_object('ticketId', 'paced-$RUN-' || t, 'customerId', 'seed-c-' || (1 + t % 2000),
                          'to', (ARRAY['New', 'Dispatching', 'Offered', 'Accepted', 'EnRoute', 'OnSite', 'Resolved', NULL, 'Closed', NULL])[s],
                          'details', CASE s
                              WHEN 1 THEN jsonb_build_object('priority', 'P' || (1 + t % 4), 'serviceType', 'repair',
                                          'region', (ARRAY['university', 'old-town', 'harbour', 'airport', 'riverside', 'tech-park'])[1 + t % 6],
                                          'slaPolicy', 'standard', 'title', 'Paced ticket ' || t, 'description', 'Paced arrival',
                                          'externalId', 'PACED-$RUN-' || t)
                              WHEN 3 THEN jsonb_build_object('engineerId', 'paced-e-' || (t % 240))
                              WHEN 4 THEN jsonb_build_object('engineerId', 'paced-e-' || (t % 240))
                              WHEN 8 THEN jsonb_build_object('csat', '4', 'nps', '8')
                              ELSE '{}'::jsonb END)
  FROM (SELECT (r + j) / 10 * $WINDOW + j AS t, (r + j) % 10 + 1 AS s, r
          FROM (SELECT k / $WINDOW AS r, k % $WINDOW AS j
                  FROM (SELECT nextval('$SEQ') - 1 AS k FROM generate_series(1, 10)) n) m) x
 WHERE r >= s - 1;
SQL
start_applied="$(applied)" started=$SECONDS
"$BIN/pgbench" -h 127.0.0.1 -p "${DISPATCH_DB_PORT:-55432}" -U postgres -n -c 4 -j 2 -R "$RATE" -T "$DURATION" -f "$script" dispatch > "$out" 2>&1 &
load=$!
: > "$samples"
while kill -0 "$load" 2>/dev/null; do
  # Rounded in SQL: a double prints as 4.2e-05 below 0.0001, which sort -n would take for 4.2.
  "${PSQL[@]}" -c "SELECT round(dispatch_projection_age('read-model')::numeric, 3)" >> "$samples"
  sleep 0.25
done
wait "$load" || echo "pgbench exit code $?"
elapsed=$((SECONDS - started)); end_applied="$(applied)"
grep -E "^(number of transactions actually processed|latency average|rate limit schedule lag|tps)" "$out" || tail -20 "$out"
sort -n "$samples" | awk '{ v[NR] = $1 } END { printf "projection lag (age of the oldest unprojected event), %d samples: p50=%.3f s p95=%.3f s p99=%.3f s max=%.3f s\n", NR, v[int(NR*0.5)+1], v[int(NR*0.95)+1], v[int(NR*0.99)+1], v[NR] }'
echo "events projected: $((end_applied - start_applied)) in ${elapsed} s"
# The tickets in flight when the run stopped (about 10 x RATE) are closed, after the sampling, as a service would close
# them: left open, run after run added thousands of open tickets that no real history holds, and the searches and the
# backlog of open tickets then measured those (2026-12-02: 50,400 of them after 13 runs).
"${PSQL[@]}" -c "
  INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
  SELECT stream, max(sequence) + 1, 'ticket.closed', clock_timestamp(), 'paced', 'system',
         jsonb_build_object('ticketId', substr(stream, 8), 'to', 'Closed', 'details', '{}'::jsonb)
    FROM dispatch_events
   WHERE stream LIKE 'ticket:paced-$RUN-%'
   GROUP BY stream
  HAVING NOT bool_or(type = 'ticket.closed')"
rm -f "$script" "$samples" "$out"
