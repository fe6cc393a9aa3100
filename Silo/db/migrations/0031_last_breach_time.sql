-- 0031_last_breach_time.sql
--
-- The console's "Breached today" tile counts the tickets with an SLA breach in the service's today, and its search
-- listed the breached tickets created today: a ticket created yesterday that breached today was counted and not listed
-- (issue #18). Each ticket's latest breach time, so that a search can ask for the tickets breached in a window
-- (GET /api/tickets?breachedFrom=&breachedTo=). The latest, not the first: a ticket with a breach today has its latest
-- breach today, whatever it breached before.
--
-- Filled from the log for the tickets the read model already holds (the projector keeps it from now on, taking the
-- later of the two, so an event it has not projected yet gives the same value). The index is partial: only breached
-- tickets have the time, so it holds the same tickets as the breached indexes (0017, 0023) and costs their updates what
-- those already cost.

ALTER TABLE rm_tickets ADD COLUMN last_breached_at timestamptz;

UPDATE rm_tickets t
   SET last_breached_at = b.at
  FROM (SELECT substr(stream, length('ticket:') + 1) AS ticket_id, max(at) AS at
          FROM dispatch_events
         WHERE type = 'sla.breached' AND stream LIKE 'ticket:%'
         GROUP BY stream) b
 WHERE t.ticket_id = b.ticket_id;

CREATE INDEX rm_tickets_last_breached ON rm_tickets (last_breached_at) WHERE last_breached_at IS NOT NULL;
