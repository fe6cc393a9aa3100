-- 0024_text_by_week.sql
--
-- A rare text at a million tickets (issue #15): "site 444" matches 2,057 tickets, and the trigram index offers 3,180,
-- each of whose rows was read and checked (2,575 heap blocks, 43 ms of CPU) to keep the 51 newest. The trigram index now
-- also holds each ticket's week (btree_gin), so that a text search asks one week at a time, newest first, and stops at its
-- page (TicketSearch): a week's candidates are a few percent of all of them (the same search: 9 ms). A search with other
-- conditions uses the index for the text alone, as it used the old one: a multi-column GIN index serves any of its columns.

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Whole weeks since 1970-01-01 (UTC, a Thursday): a bucket of creation times, not a calendar week of anyone's. An instant's
-- epoch does not depend on the session's time zone, so the function is immutable even though extract() on timestamptz is not.
CREATE FUNCTION dispatch_week(at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN floor(extract(epoch FROM at) / 604800)::integer;

SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX rm_ticket_text_weeks ON rm_ticket_text USING gin (dispatch_week(created_at), text gin_trgm_ops);
DROP INDEX rm_ticket_text_trigrams;
ANALYZE rm_ticket_text;
