-- 0028_projection_lag_by_commit_order.sql
--
-- The lag's count of events behind (up to 10,000) had no order, so the planner was free to pick a sequential scan of
-- dispatch_events that stops after 10,000 matches: it expects a third of the log to lie beyond any checkpoint. On a log
-- of 16 million events it did, and each reading took 5-20 s of a core and read half a million pages, once a second from
-- the projector's own service, exactly while the projector was behind (measured at 400 tickets/s: the lag then grew to
-- 15-20 s). Walking the commit-order index from the checkpoint, as the projector reads, takes about 0.1 s for 10,000.
CREATE OR REPLACE FUNCTION dispatch_projection_lag(p_projection text, OUT events_behind bigint, OUT age_seconds double precision)
LANGUAGE sql STABLE
AS $fn$
    SELECT (SELECT count(*)
              FROM (SELECT 1 FROM dispatch_events e
                     WHERE (e.tx, e.position) > (c.last_tx, c.last_position)
                     ORDER BY e.tx, e.position
                     LIMIT 10000) behind),
           dispatch_projection_age(p_projection)
      FROM dispatch_projection_checkpoints c
     WHERE c.projection = p_projection
$fn$;
