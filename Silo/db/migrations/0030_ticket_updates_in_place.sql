-- 0030_ticket_updates_in_place.sql
--
-- Projection lag at 400 tickets/s (issue #15). Every event rewrote a ticket's row with an entry in every index of
-- rm_tickets, because every event changes an indexed column: the status (rm_tickets_open, rm_tickets_finished) and the
-- update time (rm_tickets_updated). That upsert was the projector's biggest cost, and autovacuum's rounds through the
-- 14 indexes (2.5 GB at 2.4 million tickets) were when the lag went from half a second to 3-5 s.
--
-- Now no index of rm_tickets holds a column that most events change, so PostgreSQL updates the row in place (a HOT
-- update: no index entry, and the old version is pruned from its page without a round of the indexes). What changes
-- the indexed columns is a few events of a ticket's life: its acceptance (engineer), resolution, closing or
-- cancellation (finished_as), an SLA warning or breach.
--
-- * finished_as: the status a finished ticket ended in, NULL while it is open; derived by PostgreSQL from the status,
--   so it changes only when a ticket finishes, is closed after resolution, or reopens. The open and finished indexes
--   key on it instead of the status; a search for open statuses walks the open tickets (few) and checks the status.
-- * rm_ticket_updates: each ticket's last change, in a narrow table of its own with the index that orders by it. Its
--   row still gets a new index entry at every event, but two small ones instead of the wide row's eight.
-- * fillfactor 70: an in-place update needs room on the row's page. New tickets' pages are filled to 70 %.

SET LOCAL maintenance_work_mem = '256MB';
LOCK TABLE rm_tickets IN ACCESS EXCLUSIVE MODE;

DROP INDEX rm_tickets_open;
DROP INDEX rm_tickets_finished;
DROP INDEX rm_tickets_updated;

-- Set before the column is added: adding a stored column rewrites the table, and the rewrite leaves the room.
ALTER TABLE rm_tickets SET (fillfactor = 70);
ALTER TABLE rm_tickets
    ADD COLUMN finished_as text GENERATED ALWAYS AS (
        CASE WHEN status IN ('Resolved', 'Closed', 'Cancelled') THEN status END) STORED;

CREATE INDEX rm_tickets_open ON rm_tickets (created_at) WHERE finished_as IS NULL;
CREATE INDEX rm_tickets_finished ON rm_tickets (finished_as, created_at DESC, ticket_id DESC) WHERE finished_as IS NOT NULL;

CREATE TABLE rm_ticket_updates (
    ticket_id  text PRIMARY KEY,
    updated_at timestamptz NOT NULL
);
INSERT INTO rm_ticket_updates (ticket_id, updated_at) SELECT ticket_id, updated_at FROM rm_tickets;
CREATE INDEX rm_ticket_updates_updated ON rm_ticket_updates (updated_at DESC, ticket_id DESC);

-- The text's trigram index took new texts into a pending list of 4 MB and merged it into the index inside whichever
-- insert filled it: one projector batch in a few hundred waited up to a second for it. A smaller list is merged
-- more often, a few tens of milliseconds at a time.
ALTER INDEX rm_ticket_text_weeks SET (gin_pending_list_limit = 512);

ANALYZE rm_tickets;
ANALYZE rm_ticket_updates;
