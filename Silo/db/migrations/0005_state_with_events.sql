-- 0005_state_with_events.sql
--
-- One durable write per change: a grain's new state and the events that describe the change are written by
-- one statement, so the event log holds an event exactly when the stored state includes its change. A state
-- write refused for a stale version writes no events either.
--
-- An event the log can never hold (jsonb refuses some text, such as U+0000) must not block its grain's change
-- nor, through a shared batch, anyone else's: the writer sets it aside here, with the reason, and reports it.

CREATE TABLE IF NOT EXISTS dispatch_event_quarantine
(
    stream         text        NOT NULL,
    sequence       bigint      NOT NULL,
    type           text        NOT NULL,
    at             timestamptz NOT NULL,
    actor_name     text        NOT NULL,
    actor_role     text        NOT NULL,
    data           text        NOT NULL,
    reason         text        NOT NULL,
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, sequence)
);

CREATE OR REPLACE FUNCTION dispatch_write_state_with_events(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_known_version   integer,
    p_payload         bytea,
    p_streams         text[],
    p_sequences       bigint[],
    p_types           text[],
    p_ats             timestamptz[],
    p_actor_names     text[],
    p_actor_roles     text[],
    p_datas           text[],
    p_quarantined     text[])
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    v_new := orleans_grain_state_write(
        p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
        p_grain_id_ext, p_service_id, p_known_version, p_payload);
    IF v_new IS NULL THEN
        RETURN NULL;   -- a stale version: neither the state nor its events are written
    END IF;

    -- p_quarantined holds, per event, NULL (an ordinary event) or why the log cannot hold it.
    INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
    SELECT e.stream, e.sequence, e.type, e.at, e.actor_name, e.actor_role, e.data::jsonb
      FROM unnest(p_streams, p_sequences, p_types, p_ats, p_actor_names, p_actor_roles, p_datas, p_quarantined)
           AS e(stream, sequence, type, at, actor_name, actor_role, data, quarantined)
     WHERE e.quarantined IS NULL
    -- An event already there (written by an earlier release's separate append) is the same event.
    ON CONFLICT (stream, sequence) DO NOTHING;

    INSERT INTO dispatch_event_quarantine (stream, sequence, type, at, actor_name, actor_role, data, reason)
    SELECT e.stream, e.sequence, e.type, e.at, e.actor_name, e.actor_role, e.data, e.quarantined
      FROM unnest(p_streams, p_sequences, p_types, p_ats, p_actor_names, p_actor_roles, p_datas, p_quarantined)
           AS e(stream, sequence, type, at, actor_name, actor_role, data, quarantined)
     WHERE e.quarantined IS NOT NULL
    ON CONFLICT (stream, sequence) DO NOTHING;

    RETURN v_new;
END
$fn$;
