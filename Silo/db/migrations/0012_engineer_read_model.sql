-- 0012_engineer_read_model.sql
--
-- Engineers on the read side: rm_engineers, projected from the engineer events ("engineer:{id}") that the engineer
-- grain stores with its state since this release. Every engineer event carries the engineer as they stand after it,
-- so one row follows from the latest event alone; engineers stored before this release appear with their first event.
--
-- Idempotent; no BEGIN/COMMIT inside: the caller owns the transaction (see 0001).

CREATE TABLE IF NOT EXISTS rm_engineers
(
    engineer_id     text        PRIMARY KEY,
    name            text        NOT NULL,
    phone           text,
    skills          text[]      NOT NULL DEFAULT '{}',
    skill_levels    jsonb       NOT NULL DEFAULT '{}',
    capacity        integer     NOT NULL,
    shift_calendar  text,
    presence        text        NOT NULL,
    status          text        NOT NULL,
    -- Started a shift and not ended it: available or on a break.
    on_shift        boolean     NOT NULL,
    region          text,
    offer_ticket_id text,
    jobs            text[]      NOT NULL DEFAULT '{}',
    job_count       integer     NOT NULL DEFAULT 0,
    -- The last position report the log knows of (logged at most once a minute per engineer, and with every change).
    last_seen       timestamptz,
    last_lat        double precision,
    last_lon        double precision,
    position_flagged boolean    NOT NULL DEFAULT false,
    registered_at   timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_sequence   bigint      NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_engineers_name ON rm_engineers (name, engineer_id);
CREATE INDEX IF NOT EXISTS rm_engineers_last_seen ON rm_engineers (last_seen DESC, engineer_id DESC);
CREATE INDEX IF NOT EXISTS rm_engineers_skills ON rm_engineers USING gin (skills);
CREATE INDEX IF NOT EXISTS rm_engineers_region ON rm_engineers (region, name);

-- A rebuild empties every read model: each table named rm_*, so that a read model added later is covered
-- without editing this function again.
CREATE OR REPLACE FUNCTION dispatch_projections_rebuild() RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    read_models text;
BEGIN
    PERFORM 1 FROM dispatch_projection_checkpoints WHERE projection = 'read-model' FOR UPDATE;
    SELECT string_agg(format('%I', tablename), ', ' ORDER BY tablename) INTO read_models
      FROM pg_tables
     WHERE schemaname = current_schema() AND tablename LIKE 'rm\_%';
    IF read_models IS NOT NULL THEN
        EXECUTE 'TRUNCATE ' || read_models;
    END IF;
    UPDATE dispatch_projection_checkpoints
       SET last_tx = '0', last_position = 0, events_applied = 0, rebuilds = rebuilds + 1, updated_at = now()
     WHERE projection = 'read-model';
END
$fn$;
