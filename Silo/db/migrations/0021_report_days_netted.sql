-- 0021_report_days_netted.sql
--
-- The projector kept the daily summary (0017) by subtracting what a batch's tickets added before the batch and adding
-- what they add after it, each a separate upsert: every summary row of a touched ticket was written twice, also when
-- nothing of it changed (a ticket's time per stage is a dozen rows, while an event changes one stage at most). The two
-- halves now go to a scratch table of the transaction first; the rows of the summary are written once, with the net
-- change, and only where it is not zero. What a ticket adds is still read from the views of 0017, the one definition.

-- Stashes what the given tickets, and every ticket of the given customers, add to the summary now (times p_sign),
-- in days of p_zone. The scratch tables are the session's own and empty again at every commit.
CREATE FUNCTION rm_ticket_days_stash(p_sign integer, p_tickets text[], p_customers text[], p_zone text) RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_tickets text[] := p_tickets;
BEGIN
    IF to_regclass('pg_temp.rm_ticket_days_pending') IS NULL THEN
        CREATE TEMP TABLE rm_ticket_days_pending (LIKE rm_ticket_days) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE rm_ticket_day_facets_pending (LIKE rm_ticket_day_facets) ON COMMIT DELETE ROWS;
    END IF;
    IF cardinality(p_customers) > 0 THEN
        v_tickets := v_tickets || ARRAY(SELECT ticket_id FROM rm_tickets WHERE customer_id = ANY (p_customers));
    END IF;

    INSERT INTO pg_temp.rm_ticket_days_pending
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
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

    INSERT INTO pg_temp.rm_ticket_day_facets_pending
    SELECT date_trunc('day', f.created_at AT TIME ZONE p_zone) AT TIME ZONE p_zone,
           (date_trunc('day', f.created_at AT TIME ZONE p_zone) + interval '1 day') AT TIME ZONE p_zone,
           e.by_engineer, f.region, f.priority, f.service_type, f.tier, CASE WHEN e.by_engineer THEN f.engineer_id ELSE '' END,
           f.kind, f.name, p_sign * sum(f.tickets), p_sign * sum(f.seconds)
      FROM rm_ticket_facet_facts f CROSS JOIN (VALUES (false), (true)) AS e (by_engineer)
     WHERE f.ticket_id = ANY (v_tickets)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
END
$fn$;

-- Writes the net of what was stashed into the summary: one upsert per summary row that changed.
CREATE FUNCTION rm_ticket_days_settle() RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF to_regclass('pg_temp.rm_ticket_days_pending') IS NULL THEN
        RETURN;
    END IF;

    INSERT INTO rm_ticket_days AS d
    SELECT p.day_start, p.day_end, p.by_engineer, p.region, p.priority, p.service_type, p.tier, p.engineer_id,
           sum(p.created), sum(p.resolved), sum(p.cancelled), sum(p.responded), sum(p.respond_seconds), sum(p.arrived),
           sum(p.arrive_seconds), sum(p.resolve_seconds), sum(p.resolve_net_seconds), sum(p.first_time_fixes), sum(p.breached),
           sum(p.kept), sum(p.surveys), sum(p.csat_sum), sum(p.nps_answers), sum(p.promoters), sum(p.detractors),
           sum(p.ces_answers), sum(p.ces_sum)
      FROM pg_temp.rm_ticket_days_pending p
     GROUP BY p.day_start, p.day_end, p.by_engineer, p.region, p.priority, p.service_type, p.tier, p.engineer_id
    HAVING sum(p.created) <> 0 OR sum(p.resolved) <> 0 OR sum(p.cancelled) <> 0 OR sum(p.responded) <> 0
        OR sum(p.respond_seconds) <> 0 OR sum(p.arrived) <> 0 OR sum(p.arrive_seconds) <> 0 OR sum(p.resolve_seconds) <> 0
        OR sum(p.resolve_net_seconds) <> 0 OR sum(p.first_time_fixes) <> 0 OR sum(p.breached) <> 0 OR sum(p.kept) <> 0
        OR sum(p.surveys) <> 0 OR sum(p.csat_sum) <> 0 OR sum(p.nps_answers) <> 0 OR sum(p.promoters) <> 0
        OR sum(p.detractors) <> 0 OR sum(p.ces_answers) <> 0 OR sum(p.ces_sum) <> 0
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
    SELECT p.day_start, p.day_end, p.by_engineer, p.region, p.priority, p.service_type, p.tier, p.engineer_id, p.kind, p.name,
           sum(p.tickets), sum(p.seconds)
      FROM pg_temp.rm_ticket_day_facets_pending p
     GROUP BY p.day_start, p.day_end, p.by_engineer, p.region, p.priority, p.service_type, p.tier, p.engineer_id, p.kind, p.name
    HAVING sum(p.tickets) <> 0 OR sum(p.seconds) <> 0
    ON CONFLICT (day_start, by_engineer, region, priority, service_type, tier, engineer_id, kind, name) DO UPDATE
       SET tickets = d.tickets + excluded.tickets, seconds = d.seconds + excluded.seconds;

    -- Settled once: a second settle in the same transaction must not count the same change again.
    DELETE FROM pg_temp.rm_ticket_days_pending;
    DELETE FROM pg_temp.rm_ticket_day_facets_pending;
END
$fn$;
