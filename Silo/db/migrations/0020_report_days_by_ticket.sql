-- 0020_report_days_by_ticket.sql
--
-- The daily summary's update selected the batch's tickets with "ticket_id = ANY (...) OR customer_id = ANY (...)",
-- which no index answers: every projector batch read the whole of rm_tickets, twice (104 ms a batch at 2,500
-- tickets, growing with the history). The customers' tickets are looked up first, by their own index, so that each
-- view is read by ticket id alone.
CREATE OR REPLACE FUNCTION rm_ticket_days_add(p_sign integer, p_tickets text[], p_customers text[], p_zone text) RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_tickets text[] := p_tickets;
BEGIN
    IF cardinality(p_customers) > 0 THEN
        v_tickets := v_tickets || ARRAY(SELECT ticket_id FROM rm_tickets WHERE customer_id = ANY (p_customers));
    END IF;

    INSERT INTO rm_ticket_days AS d
    SELECT date_trunc('day', f.created_at AT TIME ZONE p_zone) AT TIME ZONE p_zone,
           (date_trunc('day', f.created_at AT TIME ZONE p_zone) + interval '1 day') AT TIME ZONE p_zone,
           e.by_engineer, f.region, f.priority, f.service_type, f.tier, CASE WHEN e.by_engineer THEN f.engineer_id ELSE '' END,
           p_sign * sum(f.created), p_sign * sum(f.resolved), p_sign * sum(f.cancelled),
           p_sign * sum(f.responded), p_sign * sum(f.respond_seconds), p_sign * sum(f.arrived), p_sign * sum(f.arrive_seconds),
           p_sign * sum(f.resolve_seconds), p_sign * sum(f.resolve_net_seconds), p_sign * sum(f.first_time_fixes),
           p_sign * sum(f.breached), p_sign * sum(f.kept), p_sign * sum(f.surveys), p_sign * sum(f.csat_sum),
           p_sign * sum(f.nps_answers), p_sign * sum(f.promoters), p_sign * sum(f.detractors),
           p_sign * sum(f.ces_answers), p_sign * sum(f.ces_sum)
      FROM rm_ticket_kpi_facts f CROSS JOIN (VALUES (false), (true)) AS e (by_engineer)
     WHERE f.ticket_id = ANY (v_tickets)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (day_start, by_engineer, region, priority, service_type, tier, engineer_id) DO UPDATE
       SET created = d.created + excluded.created, resolved = d.resolved + excluded.resolved,
           cancelled = d.cancelled + excluded.cancelled, responded = d.responded + excluded.responded,
           respond_seconds = d.respond_seconds + excluded.respond_seconds, arrived = d.arrived + excluded.arrived,
           arrive_seconds = d.arrive_seconds + excluded.arrive_seconds, resolve_seconds = d.resolve_seconds + excluded.resolve_seconds,
           resolve_net_seconds = d.resolve_net_seconds + excluded.resolve_net_seconds,
           first_time_fixes = d.first_time_fixes + excluded.first_time_fixes, breached = d.breached + excluded.breached,
           kept = d.kept + excluded.kept, surveys = d.surveys + excluded.surveys, csat_sum = d.csat_sum + excluded.csat_sum,
           nps_answers = d.nps_answers + excluded.nps_answers, promoters = d.promoters + excluded.promoters,
           detractors = d.detractors + excluded.detractors, ces_answers = d.ces_answers + excluded.ces_answers,
           ces_sum = d.ces_sum + excluded.ces_sum;

    INSERT INTO rm_ticket_day_facets AS d
    SELECT date_trunc('day', f.created_at AT TIME ZONE p_zone) AT TIME ZONE p_zone,
           (date_trunc('day', f.created_at AT TIME ZONE p_zone) + interval '1 day') AT TIME ZONE p_zone,
           e.by_engineer, f.region, f.priority, f.service_type, f.tier, CASE WHEN e.by_engineer THEN f.engineer_id ELSE '' END,
           f.kind, f.name, p_sign * sum(f.tickets), p_sign * sum(f.seconds)
      FROM rm_ticket_facet_facts f CROSS JOIN (VALUES (false), (true)) AS e (by_engineer)
     WHERE f.ticket_id = ANY (v_tickets)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT (day_start, by_engineer, region, priority, service_type, tier, engineer_id, kind, name) DO UPDATE
       SET tickets = d.tickets + excluded.tickets, seconds = d.seconds + excluded.seconds;
END
$fn$;
