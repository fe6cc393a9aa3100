-- 0029_gentler_ticket_vacuum.sql
--
-- At 400 tickets/s every event rewrites a ticket's row (no update is HOT), and autovacuum went through rm_tickets
-- (2.2 million rows, 14 indexes, 3.4 GB) every two to three minutes at full speed: about 40 s of most of a core each time,
-- during which the projector fell 3-6 s behind on two cores. At a fifth of the speed the same round takes a few minutes
-- and runs beside the projector instead of over it (measured: the lag's p99 of a 300 s run 2.3 s instead of 3.2-5.5 s).
-- Dead rows then stay a little longer, which the projector's upsert, reading by primary key, does not notice.
ALTER TABLE rm_tickets SET (autovacuum_vacuum_cost_delay = 10);
