-- 0016_ticket_text.sql
--
-- The text a ticket is searched by (title, description, externalId) in a table of its own, written once when the
-- ticket is created. In rm_tickets its trigram index took a new entry for each of the 70-odd trigrams of the
-- text at every event of the ticket (an UPDATE that changes an indexed column, as each event does, writes a new
-- entry in every index of the row): measured, half of the projector's cost per event. Text never changes after
-- creation, so here it is indexed once per ticket.

CREATE TABLE rm_ticket_text
(
    ticket_id text PRIMARY KEY,
    text      text NOT NULL
);

INSERT INTO rm_ticket_text (ticket_id, text)
SELECT ticket_id, coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(external_id, '')
  FROM rm_tickets;

DROP INDEX rm_tickets_text;
CREATE INDEX rm_ticket_text_trigrams ON rm_ticket_text USING gin (text gin_trgm_ops);

-- Search by a breached clock (?breached=resolution) is a rare match among a million tickets: without an index
-- it read the whole table (measured 280 ms at 72,000 tickets). Searched with @>, which this index serves.
CREATE INDEX rm_tickets_breached_clocks ON rm_tickets USING gin (breached_clocks);

-- The backlog report reads the open tickets only (status <> ALL of these three, the same list as the report's):
-- a few thousand rows of an index that holds nothing else, instead of the whole table.
CREATE INDEX rm_tickets_open ON rm_tickets (status, created_at) WHERE status NOT IN ('Resolved', 'Closed', 'Cancelled');
