-- 0025_breaches_from_the_facts.sql
--
-- A report's edges (the part of its window that is no whole day) read the tickets through rm_ticket_facet_facts, whose
-- breaches joined rm_tickets to rm_ticket_kpi_facts, itself rm_tickets, for their breached clocks. With 90,000 tickets
-- in today's edge at a million tickets, PostgreSQL hashed that join against every ticket (a 1.1 million-row scan: 2.6 s
-- of a 30-day report). The facts now carry the breached clocks (a view may gain columns at its end), and the breaches
-- are read from them: one pass over the edge's tickets.

CREATE OR REPLACE VIEW rm_ticket_kpi_facts AS
SELECT t.ticket_id, t.customer_id, t.created_at,
       coalesce(t.region, '') AS region, coalesce(t.priority, '') AS priority, coalesce(t.service_type, '') AS service_type,
       coalesce(c.tier, '') AS tier, coalesce(t.engineer_id, '') AS engineer_id,
       1 AS created,
       (t.resolved_at IS NOT NULL)::int AS resolved,
       (t.cancelled_at IS NOT NULL)::int AS cancelled,
       (t.accepted_at IS NOT NULL)::int AS responded,
       coalesce(extract(epoch FROM t.accepted_at - t.created_at), 0) AS respond_seconds,
       (t.on_site_at IS NOT NULL)::int AS arrived,
       coalesce(extract(epoch FROM t.on_site_at - t.created_at), 0) AS arrive_seconds,
       coalesce(extract(epoch FROM t.resolved_at - t.created_at), 0) AS resolve_seconds,
       coalesce(extract(epoch FROM t.resolved_at - t.created_at) - t.waiting_seconds::numeric, 0) AS resolve_net_seconds,
       (t.resolved_at IS NOT NULL AND t.visits <= 1 AND t.reopens = 0)::int AS first_time_fixes,
       (t.sla_state = 'breached')::int AS breached,
       (t.sla_state <> 'breached')::int AS kept,
       (t.csat IS NOT NULL)::int AS surveys,
       coalesce(t.csat, 0) AS csat_sum,
       (t.nps IS NOT NULL)::int AS nps_answers,
       coalesce((t.nps >= 9)::int, 0) AS promoters,
       coalesce((t.nps <= 6)::int, 0) AS detractors,
       (t.ces IS NOT NULL)::int AS ces_answers,
       coalesce(t.ces, 0) AS ces_sum,
       t.breached_clocks
  FROM rm_tickets t LEFT JOIN rm_customers c ON c.customer_id = t.customer_id;

CREATE OR REPLACE VIEW rm_ticket_facet_facts AS
SELECT f.ticket_id, f.customer_id, f.created_at, f.region, f.priority, f.service_type, f.tier, f.engineer_id,
       'stage' AS kind, s.stage AS name, 1 AS tickets, s.seconds::numeric AS seconds
  FROM rm_ticket_kpi_facts f JOIN rm_ticket_stages s ON s.ticket_id = f.ticket_id
UNION ALL
SELECT f.ticket_id, f.customer_id, f.created_at, f.region, f.priority, f.service_type, f.tier, f.engineer_id,
       'breach', clock, 1, 0::numeric
  FROM rm_ticket_kpi_facts f CROSS JOIN LATERAL unnest(f.breached_clocks) AS clock;
