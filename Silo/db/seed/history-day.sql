-- One day of a made-up but realistic history, written into dispatch_events in the format the grains write
-- (ticket:{id} streams; data {ticketId, customerId, from, to, why, details}), so that the silo's projector
-- builds the read models from it like from real work. Run by `./dispatch seed` once per day, each day in its
-- own transaction, with psql variables: days_ago (0: today), zone (the service's time zone, whose midnight starts
-- the day), per_day (tickets), seed (0..1, for setseed: the same arguments give the same history).
--
-- The shape: arrivals peak in the afternoon (a tenth at night); priorities 5% P1, 20% P2, 50% P3, 25% P4;
-- 4% cancelled before anyone accepts; 5% reassigned after a first accept; 10% wait for parts or the customer
-- for 1-24 h (the SLA clocks pause); 3% reopened within two days; 60% answer the survey, worse after a breach;
-- a ticket closes when its survey arrives or three days after it was resolved. SLA breaches follow from the
-- times (response: P1 1 h, P2 2 h, P3 4 h, P4 8 h; resolution net of waiting: 8, 24, 48, 96 h). Nothing is
-- written after now: the last days hold open tickets, which the backlog then shows.

SELECT setseed(:seed);
SELECT (date_trunc('day', now() AT TIME ZONE :'zone') - make_interval(days => :days_ago)) AT TIME ZONE :'zone' AS day_start,
       to_char(date_trunc('day', now() AT TIME ZONE :'zone') - make_interval(days => :days_ago), 'YYYYMMDD') AS day
\gset

INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
SELECT 'customer:seed-c-' || k, 1, 'customer.registered', :'day_start'::timestamptz - interval '400 days', 'seed', 'admin',
       jsonb_build_object('profile', jsonb_build_object('name', 'Customer ' || k, 'tier', CASE WHEN k % 10 = 0 THEN 'vip' ELSE 'standard' END,
                                                        'phone', '+86 21 5550 ' || lpad(k::text, 4, '0')))
  FROM generate_series(1, 2000) k
ON CONFLICT (stream, sequence) DO NOTHING;

CREATE TEMP TABLE seed_ticket ON COMMIT DROP AS
WITH draw AS (
    SELECT n, random() AS r_region, random() AS r_priority, random() AS r_service, random() AS r_night,
           (random() + random() + random()) / 3 AS r_day, random() AS r_night_hour, random() AS r_cancel, random() AS r_reassign,
           random() AS r_wait, random() AS r_reopen, random() AS r_survey, random() AS r_score, random() AS r_nps,
           random() AS r_accept, random() AS r_slow, random() AS r_travel, random() AS r_work, random() AS r_wait_len,
           random() AS r_customer, random() AS r_engineer, random() AS r_engineer2, random() AS r_later
      FROM generate_series(1, :per_day) n
), facts AS (
    SELECT d.*,
           'seed-' || :'day' || '-' || n AS id,
           (ARRAY['university', 'old-town', 'harbour', 'airport', 'riverside', 'tech-park'])[1 + floor(r_region * 6)::int] AS region,
           CASE WHEN r_priority < .05 THEN 'P1' WHEN r_priority < .25 THEN 'P2' WHEN r_priority < .75 THEN 'P3' ELSE 'P4' END AS priority,
           (ARRAY['repair', 'repair', 'installation', 'maintenance', 'consultation'])[1 + floor(r_service * 5)::int] AS service_type,
           'seed-c-' || (1 + floor(r_customer * 2000)::int) AS customer_id,
           :'day_start'::timestamptz + make_interval(secs => CASE WHEN r_night < .1 THEN r_night_hour * 86400 ELSE (8 + r_day * 12) * 3600 END) AS created
      FROM draw d
)
SELECT f.*,
       'seed-e-' || region || '-' || (1 + floor(r_engineer * 40)::int) AS engineer,
       'seed-e-' || region || '-' || (1 + floor(r_engineer2 * 40)::int) AS engineer2,
       r_cancel < .04 AS cancelled,
       r_reassign < .05 AS reassigned,
       r_wait < .10 AS waits,
       r_reopen < .03 AS reopened,
       -- Respond: a few minutes for P1 to an hour for P4, one in ten much slower.
       (CASE priority WHEN 'P1' THEN 300 WHEN 'P2' THEN 900 WHEN 'P3' THEN 1800 ELSE 3600 END)
           * (0.3 + 1.4 * r_accept) * (CASE WHEN r_slow < .1 THEN 6 ELSE 1 END) AS accept_s,
       900 + r_travel * 2700 AS travel_s,
       1800 + r_work * 9000 AS work_s,
       3600 + r_wait_len * 82800 AS wait_s,
       CASE priority WHEN 'P1' THEN 3600 WHEN 'P2' THEN 7200 WHEN 'P3' THEN 14400 ELSE 28800 END AS response_target_s,
       CASE priority WHEN 'P1' THEN 28800 WHEN 'P2' THEN 86400 WHEN 'P3' THEN 172800 ELSE 345600 END AS resolution_target_s
  FROM facts f;

-- The moments of each ticket's life, relative to its creation (seconds), the ones that do not apply left null.
CREATE TEMP TABLE seed_moment ON COMMIT DROP AS
SELECT t.*,
       a.accepted, a.released, a.reaccepted, a.en_route, a.on_site, a.wait_from, a.wait_to, a.resolved,
       a.reopen_at, a.resolved2,
       coalesce(a.resolved2, a.resolved) AS final_resolved
  FROM seed_ticket t
  CROSS JOIN LATERAL (
      SELECT x.*, CASE WHEN t.reopened THEN x.resolved + 3600 + t.r_later * 169200 END AS reopen_at,
             CASE WHEN t.reopened THEN x.resolved + 3600 + t.r_later * 169200 + 1200 + t.travel_s + 3600 END AS resolved2
        FROM (SELECT y.*, y.on_site + t.work_s + CASE WHEN t.waits THEN t.wait_s ELSE 0 END AS resolved,
                     CASE WHEN t.waits THEN y.on_site + 600 END AS wait_from,
                     CASE WHEN t.waits THEN y.on_site + 600 + t.wait_s END AS wait_to
                FROM (SELECT z.*, z.en_route + t.travel_s AS on_site
                        FROM (SELECT w.*, coalesce(w.reaccepted, w.accepted) + 300 AS en_route
                                FROM (SELECT t.accept_s AS accepted,
                                             CASE WHEN t.reassigned THEN t.accept_s + 300 END AS released,
                                             CASE WHEN t.reassigned THEN t.accept_s + 900 END AS reaccepted) w) z) y) x
  ) a;

INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
SELECT 'ticket:' || m.id,
       row_number() OVER (PARTITION BY m.id ORDER BY e.at, e.ord),
       e.type, e.at, e.actor_name, e.actor_role,
       jsonb_build_object('ticketId', m.id, 'customerId', m.customer_id, 'from', e.from_status, 'to', e.to_status, 'why', e.why,
                          'details', coalesce(e.details, '{}'::jsonb))
  FROM seed_moment m
  CROSS JOIN LATERAL (
      SELECT v.ord, v.type, m.created + make_interval(secs => v.offset_s) AS at, v.actor_name, v.actor_role, v.from_status, v.to_status,
             v.why, v.details
        FROM (VALUES
            (1, 'ticket.created', 0::double precision, 'intake', 'intake', NULL, 'New', 'via phone',
             jsonb_build_object('priority', m.priority, 'serviceType', m.service_type, 'customerId', m.customer_id, 'region', m.region,
                                'slaPolicy', CASE m.priority WHEN 'P1' THEN 'critical' ELSE 'standard' END, 'channel', 'phone',
                                'title', initcap(m.service_type) || ' needed at site ' || (1 + floor(m.r_score * 500)::int),
                                'description', 'Seeded ' || m.service_type || ' request, priority ' || m.priority, 'externalId', 'EXT-' || m.id),
             true),
            (2, 'ticket.dispatching', 1, 'system', 'system', 'New', 'Dispatching', 'no human in the loop', NULL, true),
            (3, 'ticket.offered', greatest(m.accepted - 60, 2), 'system', 'system', 'Dispatching', 'Offered', NULL,
             jsonb_build_object('engineerId', m.engineer), NOT m.cancelled),
            (4, 'ticket.cancelled', 600 + m.r_accept * 3000, 'dispatcher', 'dispatcher', 'Dispatching', 'Cancelled', 'customer fixed it', NULL,
             m.cancelled),
            (5, 'ticket.accepted', m.accepted, m.engineer, 'engineer', 'Offered', 'Accepted', NULL, jsonb_build_object('engineerId', m.engineer),
             NOT m.cancelled),
            (6, 'ticket.released', m.released, 'dispatcher', 'dispatcher', 'Accepted', 'Dispatching', 'reassigned',
             jsonb_build_object('engineerId', m.engineer), NOT m.cancelled AND m.reassigned),
            (7, 'ticket.accepted', m.reaccepted, m.engineer2, 'engineer', 'Dispatching', 'Accepted', NULL,
             jsonb_build_object('engineerId', m.engineer2), NOT m.cancelled AND m.reassigned),
            (8, 'sla.breached', m.response_target_s, 'system', 'system', NULL, NULL, 'response target passed',
             jsonb_build_object('metric', 'response', 'level', '1'), NOT m.cancelled AND m.accepted > m.response_target_s),
            (9, 'ticket.en-route', m.en_route, coalesce(CASE WHEN m.reassigned THEN m.engineer2 END, m.engineer), 'engineer', 'Accepted', 'EnRoute',
             NULL, NULL, NOT m.cancelled),
            (10, 'ticket.on-site', m.on_site, coalesce(CASE WHEN m.reassigned THEN m.engineer2 END, m.engineer), 'engineer', 'EnRoute', 'OnSite',
             NULL, NULL, NOT m.cancelled),
            (11, 'ticket.waiting', m.wait_from, 'dispatcher', 'dispatcher', 'OnSite', 'Waiting', NULL,
             jsonb_build_object('reason', CASE WHEN m.r_wait < .07 THEN 'waitingForParts' ELSE 'waitingOnCustomer' END), NOT m.cancelled AND m.waits),
            (12, 'ticket.resumed', m.wait_to, 'dispatcher', 'dispatcher', 'Waiting', 'OnSite', NULL, NULL, NOT m.cancelled AND m.waits),
            (13, 'sla.breached', m.resolution_target_s + CASE WHEN m.waits THEN m.wait_s ELSE 0 END, 'system', 'system', NULL, NULL,
             'resolution target passed', jsonb_build_object('metric', 'resolution', 'level', '1'),
             NOT m.cancelled AND m.final_resolved - CASE WHEN m.waits THEN m.wait_s ELSE 0 END > m.resolution_target_s),
            (14, 'ticket.resolved', m.resolved, coalesce(CASE WHEN m.reassigned THEN m.engineer2 END, m.engineer), 'engineer', 'OnSite', 'Resolved',
             'fixed', NULL, NOT m.cancelled),
            (15, 'ticket.reopened', m.reopen_at, 'dispatcher', 'dispatcher', 'Resolved', 'Dispatching', 'it broke again', NULL,
             NOT m.cancelled AND m.reopened),
            (16, 'ticket.accepted', m.reopen_at + 1200, m.engineer, 'engineer', 'Dispatching', 'Accepted', NULL,
             jsonb_build_object('engineerId', m.engineer), NOT m.cancelled AND m.reopened),
            (17, 'ticket.on-site', m.reopen_at + 1200 + m.travel_s, m.engineer, 'engineer', 'Accepted', 'OnSite', NULL, NULL,
             NOT m.cancelled AND m.reopened),
            (18, 'ticket.resolved', m.resolved2, m.engineer, 'engineer', 'OnSite', 'Resolved', 'fixed for good', NULL,
             NOT m.cancelled AND m.reopened),
            (19, 'ticket.survey', m.final_resolved + 3600 + m.r_later * 82800, 'customer', 'customer', 'Resolved', 'Resolved', NULL,
             jsonb_build_object(
                 'csat', (CASE WHEN m.accepted > m.response_target_s THEN 1 + floor(m.r_score * 3) ELSE 3 + floor(m.r_score * 3) END)::int::text,
                 'nps', (CASE WHEN m.accepted > m.response_target_s THEN floor(m.r_nps * 8) ELSE 5 + floor(m.r_nps * 6) END)::int::text,
                 'ces', (1 + floor(m.r_nps * 7))::int::text),
             NOT m.cancelled AND m.r_survey < .6),
            (20, 'ticket.closed', m.final_resolved + CASE WHEN m.r_survey < .6 THEN 3601 + m.r_later * 82800 ELSE 259200 END,
             'system', 'system', 'Resolved', 'Closed', CASE WHEN m.r_survey < .6 THEN 'survey received' ELSE 'no survey within 3.00:00:00' END,
             NULL, NOT m.cancelled)
        ) AS v(ord, type, offset_s, actor_name, actor_role, from_status, to_status, why, details, applies)
       WHERE v.applies AND v.offset_s IS NOT NULL
  ) e
 WHERE e.at <= now()
ON CONFLICT (stream, sequence) DO NOTHING;
