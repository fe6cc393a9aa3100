-- 0015_read_side_reports.sql
--
-- What the reports still lacked on rm_tickets: the customer effort score of the survey (CES, 1-7) and the time
-- spent waiting (the SLA clocks' pauses), so that the time to resolve can be read with and without the pauses.
-- The read models are then rebuilt from the log (the projector replays it), so that tickets projected before
-- this migration get the new columns too.

ALTER TABLE rm_tickets ADD COLUMN ces integer;
ALTER TABLE rm_tickets ADD COLUMN waiting_seconds double precision NOT NULL DEFAULT 0;

SELECT dispatch_projections_rebuild();
