-- 0023_search_at_scale.sql
--
-- Ticket search newest first at a million tickets (issue #15). A search's first page is its 50 newest matches; the slow
-- filters found every match through an unordered index (GIN, bitmap) and read and sorted them all for that page.

SET LOCAL maintenance_work_mem = '256MB';
-- A projector that runs meanwhile (another silo's) waits: rm_tickets first, as it writes them, so that neither waits on the other.
LOCK TABLE rm_tickets IN SHARE MODE;
LOCK TABLE rm_ticket_text IN ACCESS EXCLUSIVE MODE;

-- Text ("site 30" matches 2 % of the tickets): the creation time beside the text, so that a search walks the text newest
-- first and stops at its page's last match, without reading rm_tickets for the others. The trigram index stays for rare
-- text (an external id), where that walk would read most of the table; the planner chooses by the estimate.
-- The table is refilled in creation order (its pages are then read in the order of that walk): copying and indexing
-- anew costs much less than an UPDATE of every row, which would add each row's ~70 trigrams to the GIN index again.
CREATE TEMPORARY TABLE ticket_text_0023 ON COMMIT DROP AS
SELECT x.ticket_id, x.text, t.created_at
  FROM rm_ticket_text x
  JOIN rm_tickets t USING (ticket_id);
DROP INDEX rm_ticket_text_trigrams;
TRUNCATE rm_ticket_text;
ALTER TABLE rm_ticket_text ADD COLUMN created_at timestamptz NOT NULL;
INSERT INTO rm_ticket_text (ticket_id, text, created_at)
SELECT ticket_id, text, created_at FROM ticket_text_0023 ORDER BY created_at, ticket_id;
CREATE INDEX rm_ticket_text_trigrams ON rm_ticket_text USING gin (text gin_trgm_ops);
CREATE INDEX rm_ticket_text_created ON rm_ticket_text (created_at DESC, ticket_id DESC);
-- The planner's choice between walking and the trigram index rests on these statistics: there at once, not when
-- autovacuum next comes by.
ANALYZE rm_ticket_text;

-- An engineer's work (?engineerId=): the GIN index of engineers found all of an engineer's tickets (about 4,000 at a
-- million) for a page of 50. The search now reads the tickets the engineer holds from this btree in creation order, and
-- those they held before (reassigned, released: a few percent) from a GIN index of only the tickets whose engineers are
-- more than the one holding them (TicketSearch.EngineersWork). The full GIN index stays: an engineer's own searches use it.
CREATE INDEX rm_tickets_engineer_created ON rm_tickets (engineer_id, created_at DESC, ticket_id DESC);
CREATE INDEX rm_tickets_engineers_before ON rm_tickets USING gin (engineers) WHERE engineers IS DISTINCT FROM ARRAY[engineer_id];

-- A service type's breached tickets (?serviceType=installation&breached=resolution): the search adds the implied
-- sla_state = 'breached' and walks this index newest first.
CREATE INDEX rm_tickets_breached_service ON rm_tickets (service_type, created_at DESC, ticket_id DESC) WHERE sla_state = 'breached';
