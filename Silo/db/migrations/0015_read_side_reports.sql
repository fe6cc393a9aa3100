-- 0015_read_side_reports.sql
--
-- What the reports still lacked on rm_tickets: the customer effort score of the survey (CES, 1-7) and the time
-- spent waiting (the SLA clocks' pauses), so that the time to resolve can be read with and without the pauses.
-- The read models are then rebuilt from the log (the projector replays it), so that tickets projected before
-- this migration get the new columns too.

ALTER TABLE rm_tickets ADD COLUMN ces integer;
ALTER TABLE rm_tickets ADD COLUMN waiting_seconds double precision NOT NULL DEFAULT 0;

SELECT dispatch_projections_rebuild();

-- Measuring the lag must not cost as much as the backlog it measures: counting every event behind the checkpoint
-- read the whole backlog each second (on a history of a million tickets being replayed, that took most of the
-- time the projector had). The count stops at 100,000 ("at least"), and the age is that of the next event to
-- project, found by the commit-order index.
CREATE OR REPLACE FUNCTION dispatch_projection_lag(p_projection text, OUT events_behind bigint, OUT age_seconds double precision)
LANGUAGE sql STABLE
AS $fn$
    SELECT (SELECT count(*)
              FROM (SELECT 1 FROM dispatch_events e WHERE (e.tx, e.position) > (c.last_tx, c.last_position) LIMIT 100000) behind),
           coalesce((SELECT extract(epoch FROM clock_timestamp() - e.recorded_at)
                       FROM dispatch_events e
                      WHERE (e.tx, e.position) > (c.last_tx, c.last_position)
                      ORDER BY e.tx, e.position
                      LIMIT 1), 0)::double precision
      FROM dispatch_projection_checkpoints c
     WHERE c.projection = p_projection
$fn$;
