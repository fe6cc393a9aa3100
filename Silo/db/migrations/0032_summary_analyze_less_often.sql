-- 0032_summary_analyze_less_often.sql
--
-- Projection lag at 400 tickets/s (issue #15). Every projector batch adds to the summary rows of the tickets it touched
-- (rm_ticket_days, rm_ticket_day_facets: today's rows, over and over), so autovacuum analyzed rm_ticket_days every
-- minute or so at the default 10 % of its rows, at about 1.4 s of a core each time, and the lag stood higher while it
-- did (README, "The fourth morning"). What the reports ask of these tables (a range of days, a region, a priority)
-- changes little as today's rows grow: analyzed once their changes reach their size, as 0026 did for rm_tickets.
ALTER TABLE rm_ticket_days SET (autovacuum_analyze_scale_factor = 1.0);
ALTER TABLE rm_ticket_day_facets SET (autovacuum_analyze_scale_factor = 1.0);
