#!/usr/bin/env bash
# What holds the read side back, every 100 ms for SECONDS seconds: the projection lag and each connection that holds a
# transaction id (with its transaction's age, state and statement). Every follower of the event log reads only below the
# oldest running transaction id, so a connection that keeps one open (a row lock, a long write) stalls them all. Run it
# beside paced-lag.sh; the paced writer's own inserts are left out.
#   DISPATCH_DB_PORT=55916 benchmarks/read-side/xid-holders.sh [seconds 60] > holders.txt
set -euo pipefail
BIN="$(ls -d /usr/lib/postgresql/*/bin | tail -1)"
query=$(mktemp)
trap 'rm -f "$query"' EXIT
cat > "$query" <<'SQL'
SELECT to_char(clock_timestamp(), 'HH24:MI:SS.MS')
       || ' lag=' || round(dispatch_projection_age('read-model')::numeric, 3) || ' '
       || coalesce((SELECT string_agg('pid' || pid || ':' || round(extract(epoch FROM clock_timestamp() - xact_start)::numeric, 3)
                                      || ':' || state || ':' || left(regexp_replace(query, '\s+', ' ', 'g'), 70), ' | ')
                      FROM pg_stat_activity
                     WHERE backend_xid IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid()
                       AND query NOT LIKE '%paced-%'), '-') \watch 0.1
SQL
timeout "${1:-60}" "$BIN/psql" -h 127.0.0.1 -p "${DISPATCH_DB_PORT:-55432}" -U postgres -d dispatch -qAt -f "$query" | grep 'lag=' || true
