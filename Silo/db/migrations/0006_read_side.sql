-- 0006_read_side.sql
--
-- The read side: read models projected from dispatch_events (search, reports), and what the projector needs
-- to read the log exactly once, in order, without skipping an event that a concurrent writer commits late.
--
-- Commit order. Events are written inside group-committed batches whose transactions commit in any order, so
-- neither (stream, sequence) nor a sequence number taken at insert time is an order a reader can follow: a row
-- with a smaller number can become visible after one with a bigger number was read. Each row therefore also
-- records the id of the transaction that wrote it (tx). Every transaction whose id is below the current
-- snapshot's xmin has finished, so the rows with tx < xmin are final: no row can appear later below that
-- mark. The projector reads in (tx, position) order and only below xmin; its checkpoint is the last
-- (tx, position) it applied. See docs/adr/0001-read-side-projections.md.

ALTER TABLE dispatch_events ADD COLUMN position bigint;
ALTER TABLE dispatch_events ADD COLUMN tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE dispatch_events ALTER COLUMN tx SET DEFAULT pg_current_xact_id();

-- Rows written before this migration (tx 0, all committed) are numbered in the order they were recorded,
-- each stream's events in their own order.
CREATE SEQUENCE dispatch_events_position OWNED BY dispatch_events.position;
UPDATE dispatch_events e
   SET position = n.position
  FROM (SELECT stream, sequence, row_number() OVER (ORDER BY recorded_at, stream, sequence) AS position
          FROM dispatch_events) n
 WHERE e.stream = n.stream AND e.sequence = n.sequence;
SELECT setval('dispatch_events_position', coalesce((SELECT max(position) FROM dispatch_events), 0) + 1, false);
ALTER TABLE dispatch_events ALTER COLUMN position SET DEFAULT nextval('dispatch_events_position');
ALTER TABLE dispatch_events ALTER COLUMN position SET NOT NULL;

CREATE UNIQUE INDEX dispatch_events_commit_order ON dispatch_events (tx, position);
CREATE UNIQUE INDEX dispatch_events_position_key ON dispatch_events (position);
-- The audit trail is read by actor and time.
CREATE INDEX dispatch_events_actor_at ON dispatch_events (actor_name, at);

-- Where each projection has got to. A rebuild puts it back to the start (dispatch_projections_rebuild).
CREATE TABLE dispatch_projection_checkpoints
(
    projection     text        PRIMARY KEY,
    last_tx        xid8        NOT NULL DEFAULT '0',
    last_position  bigint      NOT NULL DEFAULT 0,
    events_applied bigint      NOT NULL DEFAULT 0,
    rebuilds       integer     NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dispatch_projection_checkpoints (projection) VALUES ('read-model');

-- Text search over titles, descriptions and external ids ("contains"), fast on a million tickets.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per ticket: what search filters on and what reports aggregate.
CREATE TABLE rm_tickets
(
    ticket_id         text        PRIMARY KEY,
    customer_id       text,
    title             text,
    description       text,
    external_id       text,
    channel           text,
    opened_by         text,
    priority          text,
    region            text,
    service_type      text,
    sla_policy        text,
    status            text        NOT NULL,
    status_since      timestamptz NOT NULL,
    engineer_id       text,
    engineers         text[]      NOT NULL DEFAULT '{}',
    sla_state         text        NOT NULL DEFAULT 'ok',
    breached_clocks   text[]      NOT NULL DEFAULT '{}',
    escalation_level  integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    accepted_at       timestamptz,
    en_route_at       timestamptz,
    on_site_at        timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    cancelled_at      timestamptz,
    visits            integer     NOT NULL DEFAULT 0,
    reopens           integer     NOT NULL DEFAULT 0,
    csat              integer,
    nps               integer,
    updated_at        timestamptz NOT NULL,
    last_sequence     bigint      NOT NULL
);
CREATE INDEX rm_tickets_created ON rm_tickets (created_at DESC, ticket_id DESC);
CREATE INDEX rm_tickets_updated ON rm_tickets (updated_at DESC, ticket_id DESC);
CREATE INDEX rm_tickets_resolved ON rm_tickets (resolved_at);
CREATE INDEX rm_tickets_status ON rm_tickets (status, created_at DESC);
CREATE INDEX rm_tickets_customer ON rm_tickets (customer_id, created_at DESC);
CREATE INDEX rm_tickets_engineers ON rm_tickets USING gin (engineers);
CREATE INDEX rm_tickets_region ON rm_tickets (region, created_at DESC);
CREATE INDEX rm_tickets_text ON rm_tickets
    USING gin ((coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(external_id, '')) gin_trgm_ops);

-- Time each ticket spent in each status (the stage), for "where does the time go".
CREATE TABLE rm_ticket_stages
(
    ticket_id text    NOT NULL,
    stage     text    NOT NULL,
    seconds   double precision NOT NULL,
    entries   integer NOT NULL,
    PRIMARY KEY (ticket_id, stage)
);

CREATE TABLE rm_customers
(
    customer_id       text        PRIMARY KEY,
    name              text        NOT NULL,
    tier              text        NOT NULL,
    phone             text,
    email             text,
    surveys           integer     NOT NULL DEFAULT 0,
    csat_sum          integer     NOT NULL DEFAULT 0,
    last_health_score integer,
    health_low_at     timestamptz,
    registered_at     timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    last_sequence     bigint      NOT NULL
);
CREATE INDEX rm_customers_name ON rm_customers USING gin (name gin_trgm_ops);

-- Puts every read model back to empty and the checkpoint to the start: the projector then replays the
-- whole log. Safe while a projector runs: both take the checkpoint row's lock first.
CREATE FUNCTION dispatch_projections_rebuild() RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1 FROM dispatch_projection_checkpoints WHERE projection = 'read-model' FOR UPDATE;
    TRUNCATE rm_tickets, rm_ticket_stages, rm_customers;
    UPDATE dispatch_projection_checkpoints
       SET last_tx = '0', last_position = 0, events_applied = 0, rebuilds = rebuilds + 1, updated_at = now()
     WHERE projection = 'read-model';
END
$fn$;

-- How far a projection is behind the log: committed events not yet applied, and the age of the oldest
-- (from when its transaction started). Read by the silo's metrics and by the web host's /health.
CREATE FUNCTION dispatch_projection_lag(p_projection text, OUT events_behind bigint, OUT age_seconds double precision)
LANGUAGE sql STABLE
AS $fn$
    SELECT count(e.*), coalesce(extract(epoch FROM clock_timestamp() - min(e.recorded_at)), 0)::double precision
      FROM dispatch_projection_checkpoints c
      LEFT JOIN dispatch_events e ON (e.tx, e.position) > (c.last_tx, c.last_position)
     WHERE c.projection = p_projection
$fn$;
