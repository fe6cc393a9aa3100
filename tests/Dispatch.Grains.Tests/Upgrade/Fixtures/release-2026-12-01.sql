--
-- PostgreSQL database dump
--

\restrict 8uBMru5rhofrGvp4cDOpcnjnK34VpaAv9Fu8rYcWJJnBoHfSyiLpDT0plPYV9P6

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: dispatch_projection_lag(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dispatch_projection_lag(p_projection text, OUT events_behind bigint, OUT age_seconds double precision) RETURNS record
    LANGUAGE sql STABLE
    AS $$
    SELECT (SELECT count(*)
              FROM (SELECT 1 FROM dispatch_events e WHERE (e.tx, e.position) > (c.last_tx, c.last_position) LIMIT 100000) behind),
           coalesce((SELECT extract(epoch FROM clock_timestamp() - e.recorded_at)
                       FROM dispatch_events e
                      WHERE (e.tx, e.position) > (c.last_tx, c.last_position)
                      ORDER BY e.tx, e.position
                      LIMIT 1), 0)::double precision
      FROM dispatch_projection_checkpoints c
     WHERE c.projection = p_projection
$$;


--
-- Name: dispatch_projections_rebuild(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dispatch_projections_rebuild() RETURNS void
    LANGUAGE plpgsql
    AS $$
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
$$;


--
-- Name: dispatch_write_state_with_events(integer, bigint, bigint, integer, text, text, text, integer, bytea, text[], bigint[], text[], timestamp with time zone[], text[], text[], text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dispatch_write_state_with_events(p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer, p_grain_type text, p_grain_id_ext text, p_service_id text, p_known_version integer, p_payload bytea, p_streams text[], p_sequences bigint[], p_types text[], p_ats timestamp with time zone[], p_actor_names text[], p_actor_roles text[], p_datas text[], p_quarantined text[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
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
$$;


--
-- Name: orleans_grain_state_write(integer, bigint, bigint, integer, text, text, text, integer, bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_grain_state_write(p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer, p_grain_type text, p_grain_id_ext text, p_service_id text, p_known_version integer, p_payload bytea) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_new integer;
BEGIN
    IF p_known_version IS NULL THEN
        -- First write as far as the grain knows: only valid if no row exists yet.
        INSERT INTO orleans_grain_state
            (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type,
             grain_id_ext, service_id, payload, version, modified_at)
        VALUES
            (p_grain_id_hash, p_grain_type_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, 1, now())
        ON CONFLICT DO NOTHING
        RETURNING version INTO v_new;
    ELSE
        UPDATE orleans_grain_state
           SET payload = p_payload,
               version = version + 1,
               modified_at = now()
         WHERE grain_id_hash = p_grain_id_hash
           AND grain_type_hash = p_grain_type_hash
           AND grain_id_n0 = p_grain_id_n0
           AND grain_id_n1 = p_grain_id_n1
           AND grain_type = p_grain_type
           AND grain_id_ext IS NOT DISTINCT FROM p_grain_id_ext
           AND service_id = p_service_id
           AND version = p_known_version
        RETURNING version INTO v_new;
    END IF;
    RETURN v_new;   -- NULL when nothing was written
END
$$;


--
-- Name: orleans_member_insert(text, text, integer, integer, text, text, integer, integer, timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_member_insert(p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamp with time zone, p_i_am_alive_time timestamp with time zone, p_read_version integer) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- The block has an EXCEPTION clause, so it is a subtransaction: a duplicate member
    -- undoes the version bump as well.
    UPDATE orleans_cluster_version
       SET version = version + 1,
           changed_at = now()
     WHERE deployment_id = p_deployment_id
       AND version = p_read_version
       AND version < 2147483647;
    IF NOT FOUND THEN
        RETURN false;           -- someone else changed the table since the caller read it
    END IF;

    INSERT INTO orleans_cluster_member
        (deployment_id, address, port, generation, silo_name, host_name,
         status, proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time);
    RETURN true;
EXCEPTION
    WHEN unique_violation THEN
        RETURN false;
END
$$;


--
-- Name: orleans_member_update(text, text, integer, integer, integer, text, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_member_update(p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspect_times text, p_i_am_alive_time timestamp with time zone, p_read_version integer) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE orleans_cluster_version
       SET version = version + 1,
           changed_at = now()
     WHERE deployment_id = p_deployment_id
       AND version = p_read_version
       AND version < 2147483647;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_cluster_member
       SET status = p_status,
           suspect_times = p_suspect_times,
           i_am_alive_time = greatest(i_am_alive_time, p_i_am_alive_time)
     WHERE deployment_id = p_deployment_id
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;
    IF NOT FOUND THEN
        -- No such member: roll the version bump back via the handler below.
        RAISE EXCEPTION 'orleans member % :% gen % not found', p_address, p_port, p_generation
              USING ERRCODE = 'no_data_found';
    END IF;
    RETURN true;
EXCEPTION
    WHEN no_data_found THEN
        RETURN false;
END
$$;


--
-- Name: rm_ticket_days_add(integer, text[], text[], text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rm_ticket_days_add(p_sign integer, p_tickets text[], p_customers text[], p_zone text) RETURNS void
    LANGUAGE plpgsql
    AS $$
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
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customer_mail_outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_mail_outbox (
    stream text NOT NULL,
    sequence bigint NOT NULL,
    ticket_id text NOT NULL,
    event_type text NOT NULL,
    event_at timestamp with time zone NOT NULL,
    data jsonb NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    sent_to text,
    last_error text,
    CONSTRAINT customer_mail_outbox_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sent'::text, 'skipped'::text, 'failed'::text])))
);


--
-- Name: dispatch_api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_api_keys (
    id text NOT NULL,
    name text NOT NULL,
    secret_hash bytea NOT NULL,
    scope text NOT NULL,
    channel text,
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);


--
-- Name: dispatch_event_quarantine; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_event_quarantine (
    stream text NOT NULL,
    sequence bigint NOT NULL,
    type text NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_name text NOT NULL,
    actor_role text NOT NULL,
    data text NOT NULL,
    reason text NOT NULL,
    quarantined_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: dispatch_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_events (
    stream text NOT NULL,
    sequence bigint NOT NULL,
    type text NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_name text NOT NULL,
    actor_role text NOT NULL,
    data jsonb NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    "position" bigint NOT NULL,
    tx xid8 DEFAULT pg_current_xact_id() NOT NULL
);


--
-- Name: dispatch_events_position; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.dispatch_events_position
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: dispatch_events_position; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.dispatch_events_position OWNED BY public.dispatch_events."position";


--
-- Name: dispatch_field_photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_field_photos (
    id uuid NOT NULL,
    ticket_id text NOT NULL,
    engineer_id text NOT NULL,
    kind text NOT NULL,
    content_type text NOT NULL,
    bytes bytea NOT NULL,
    stored_at timestamp with time zone NOT NULL,
    CONSTRAINT dispatch_field_photos_kind_check CHECK ((kind = ANY (ARRAY['photo'::text, 'signature'::text])))
);


--
-- Name: dispatch_projection_checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_projection_checkpoints (
    projection text NOT NULL,
    last_tx xid8 DEFAULT '0'::xid8 NOT NULL,
    last_position bigint DEFAULT 0 NOT NULL,
    events_applied bigint DEFAULT 0 NOT NULL,
    rebuilds integer DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: dispatch_refresh_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_refresh_tokens (
    token_hash bytea NOT NULL,
    user_name text NOT NULL,
    family uuid NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    revoked_at timestamp with time zone
);


--
-- Name: dispatch_schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: dispatch_users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_users (
    user_name text NOT NULL,
    normalized_user_name text NOT NULL,
    display_name text,
    role text NOT NULL,
    engineer_id text,
    regions text[] DEFAULT '{}'::text[] NOT NULL,
    password_hash text,
    security_stamp text NOT NULL,
    must_change_password boolean DEFAULT false NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    access_failed_count integer DEFAULT 0 NOT NULL,
    lockout_end timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: engineer_push_subscriptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.engineer_push_subscriptions (
    endpoint text NOT NULL,
    engineer_id text NOT NULL,
    p256dh text NOT NULL,
    auth text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: orleans_cluster_member; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_cluster_member (
    deployment_id character varying(150) NOT NULL,
    address character varying(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name character varying(150) NOT NULL,
    host_name character varying(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer DEFAULT 0 NOT NULL,
    suspect_times text,
    start_time timestamp with time zone NOT NULL,
    i_am_alive_time timestamp with time zone NOT NULL
);


--
-- Name: orleans_cluster_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_cluster_version (
    deployment_id character varying(150) NOT NULL,
    version integer DEFAULT 0 NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: orleans_grain_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_grain_state (
    grain_id_hash integer NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_type text NOT NULL,
    grain_id_ext text,
    service_id text NOT NULL,
    payload bytea,
    version integer NOT NULL,
    modified_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: orleans_reminder; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_reminder (
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamp with time zone NOT NULL,
    period_ms bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: orleansquery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansquery (
    querykey character varying(64) NOT NULL,
    querytext text NOT NULL
);


--
-- Name: rm_customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_customers (
    customer_id text NOT NULL,
    name text NOT NULL,
    tier text NOT NULL,
    phone text,
    email text,
    surveys integer DEFAULT 0 NOT NULL,
    csat_sum integer DEFAULT 0 NOT NULL,
    last_health_score integer,
    health_low_at timestamp with time zone,
    registered_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_sequence bigint NOT NULL
);


--
-- Name: rm_engineers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_engineers (
    engineer_id text NOT NULL,
    name text NOT NULL,
    phone text,
    skills text[] DEFAULT '{}'::text[] NOT NULL,
    skill_levels jsonb DEFAULT '{}'::jsonb NOT NULL,
    capacity integer NOT NULL,
    shift_calendar text,
    presence text NOT NULL,
    status text NOT NULL,
    on_shift boolean NOT NULL,
    region text,
    offer_ticket_id text,
    jobs text[] DEFAULT '{}'::text[] NOT NULL,
    job_count integer DEFAULT 0 NOT NULL,
    last_seen timestamp with time zone,
    last_lat double precision,
    last_lon double precision,
    position_flagged boolean DEFAULT false NOT NULL,
    registered_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_sequence bigint NOT NULL
);


--
-- Name: rm_ticket_day_facets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_ticket_day_facets (
    day_start timestamp with time zone NOT NULL,
    day_end timestamp with time zone NOT NULL,
    by_engineer boolean NOT NULL,
    region text NOT NULL,
    priority text NOT NULL,
    service_type text NOT NULL,
    tier text NOT NULL,
    engineer_id text NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    tickets bigint NOT NULL,
    seconds numeric NOT NULL
);


--
-- Name: rm_ticket_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_ticket_days (
    day_start timestamp with time zone NOT NULL,
    day_end timestamp with time zone NOT NULL,
    by_engineer boolean NOT NULL,
    region text NOT NULL,
    priority text NOT NULL,
    service_type text NOT NULL,
    tier text NOT NULL,
    engineer_id text NOT NULL,
    created bigint NOT NULL,
    resolved bigint NOT NULL,
    cancelled bigint NOT NULL,
    responded bigint NOT NULL,
    respond_seconds numeric NOT NULL,
    arrived bigint NOT NULL,
    arrive_seconds numeric NOT NULL,
    resolve_seconds numeric NOT NULL,
    resolve_net_seconds numeric NOT NULL,
    first_time_fixes bigint NOT NULL,
    breached bigint NOT NULL,
    kept bigint NOT NULL,
    surveys bigint NOT NULL,
    csat_sum bigint NOT NULL,
    nps_answers bigint NOT NULL,
    promoters bigint NOT NULL,
    detractors bigint NOT NULL,
    ces_answers bigint NOT NULL,
    ces_sum bigint NOT NULL
);


--
-- Name: rm_tickets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_tickets (
    ticket_id text NOT NULL,
    customer_id text,
    title text,
    description text,
    external_id text,
    channel text,
    opened_by text,
    priority text,
    region text,
    service_type text,
    sla_policy text,
    status text NOT NULL,
    status_since timestamp with time zone NOT NULL,
    engineer_id text,
    engineers text[] DEFAULT '{}'::text[] NOT NULL,
    sla_state text DEFAULT 'ok'::text NOT NULL,
    breached_clocks text[] DEFAULT '{}'::text[] NOT NULL,
    escalation_level integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    en_route_at timestamp with time zone,
    on_site_at timestamp with time zone,
    resolved_at timestamp with time zone,
    closed_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    visits integer DEFAULT 0 NOT NULL,
    reopens integer DEFAULT 0 NOT NULL,
    csat integer,
    nps integer,
    updated_at timestamp with time zone NOT NULL,
    last_sequence bigint NOT NULL,
    ces integer,
    waiting_seconds double precision DEFAULT 0 NOT NULL
);


--
-- Name: rm_ticket_kpi_facts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.rm_ticket_kpi_facts AS
 SELECT t.ticket_id,
    t.customer_id,
    t.created_at,
    COALESCE(t.region, ''::text) AS region,
    COALESCE(t.priority, ''::text) AS priority,
    COALESCE(t.service_type, ''::text) AS service_type,
    COALESCE(c.tier, ''::text) AS tier,
    COALESCE(t.engineer_id, ''::text) AS engineer_id,
    1 AS created,
    ((t.resolved_at IS NOT NULL))::integer AS resolved,
    ((t.cancelled_at IS NOT NULL))::integer AS cancelled,
    ((t.accepted_at IS NOT NULL))::integer AS responded,
    COALESCE(EXTRACT(epoch FROM (t.accepted_at - t.created_at)), (0)::numeric) AS respond_seconds,
    ((t.on_site_at IS NOT NULL))::integer AS arrived,
    COALESCE(EXTRACT(epoch FROM (t.on_site_at - t.created_at)), (0)::numeric) AS arrive_seconds,
    COALESCE(EXTRACT(epoch FROM (t.resolved_at - t.created_at)), (0)::numeric) AS resolve_seconds,
    COALESCE((EXTRACT(epoch FROM (t.resolved_at - t.created_at)) - (t.waiting_seconds)::numeric), (0)::numeric) AS resolve_net_seconds,
    (((t.resolved_at IS NOT NULL) AND (t.visits <= 1) AND (t.reopens = 0)))::integer AS first_time_fixes,
    ((t.sla_state = 'breached'::text))::integer AS breached,
    ((t.sla_state <> 'breached'::text))::integer AS kept,
    ((t.csat IS NOT NULL))::integer AS surveys,
    COALESCE(t.csat, 0) AS csat_sum,
    ((t.nps IS NOT NULL))::integer AS nps_answers,
    COALESCE(((t.nps >= 9))::integer, 0) AS promoters,
    COALESCE(((t.nps <= 6))::integer, 0) AS detractors,
    ((t.ces IS NOT NULL))::integer AS ces_answers,
    COALESCE(t.ces, 0) AS ces_sum
   FROM (public.rm_tickets t
     LEFT JOIN public.rm_customers c ON ((c.customer_id = t.customer_id)));


--
-- Name: rm_ticket_stages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_ticket_stages (
    ticket_id text NOT NULL,
    stage text NOT NULL,
    seconds double precision NOT NULL,
    entries integer NOT NULL
);


--
-- Name: rm_ticket_facet_facts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.rm_ticket_facet_facts AS
 SELECT f.ticket_id,
    f.customer_id,
    f.created_at,
    f.region,
    f.priority,
    f.service_type,
    f.tier,
    f.engineer_id,
    'stage'::text AS kind,
    s.stage AS name,
    1 AS tickets,
    (s.seconds)::numeric AS seconds
   FROM (public.rm_ticket_kpi_facts f
     JOIN public.rm_ticket_stages s ON ((s.ticket_id = f.ticket_id)))
UNION ALL
 SELECT f.ticket_id,
    f.customer_id,
    f.created_at,
    f.region,
    f.priority,
    f.service_type,
    f.tier,
    f.engineer_id,
    'breach'::text AS kind,
    clock.clock AS name,
    1 AS tickets,
    (0)::numeric AS seconds
   FROM ((public.rm_ticket_kpi_facts f
     JOIN public.rm_tickets t ON ((t.ticket_id = f.ticket_id)))
     CROSS JOIN LATERAL unnest(t.breached_clocks) clock(clock));


--
-- Name: rm_ticket_text; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rm_ticket_text (
    ticket_id text NOT NULL,
    text text NOT NULL
);


--
-- Name: webhook_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_attempts (
    message bigint NOT NULL,
    attempt integer NOT NULL,
    at timestamp with time zone NOT NULL,
    status_code integer,
    latency_ms double precision NOT NULL,
    error text
);


--
-- Name: webhook_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_messages (
    id bigint NOT NULL,
    subscription bigint NOT NULL,
    ordering_key text NOT NULL,
    event_type text NOT NULL,
    payload text NOT NULL,
    event_at timestamp with time zone NOT NULL,
    routed_at timestamp with time zone NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    first_attempt_at timestamp with time zone,
    finished_at timestamp with time zone,
    last_status integer,
    last_error text,
    CONSTRAINT webhook_messages_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'delivered'::text, 'dead'::text])))
);


--
-- Name: webhook_messages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.webhook_messages ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: webhook_subscriptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_subscriptions (
    number bigint NOT NULL,
    id text NOT NULL,
    url text NOT NULL,
    event_types text[] NOT NULL,
    region text,
    customer_id text,
    description text,
    secret text NOT NULL,
    previous_secret text,
    previous_secret_expires_at timestamp with time zone,
    paused boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: webhook_subscriptions_number_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.webhook_subscriptions ALTER COLUMN number ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_subscriptions_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: webhook_tickets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_tickets (
    ticket_id text NOT NULL,
    region text,
    customer_id text
);


--
-- Name: dispatch_events position; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_events ALTER COLUMN "position" SET DEFAULT nextval('public.dispatch_events_position'::regclass);


--
-- Data for Name: customer_mail_outbox; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customer_mail_outbox (stream, sequence, ticket_id, event_type, event_at, data, state, attempts, next_attempt_at, finished_at, sent_to, last_error) FROM stdin;
ticket:t-4f6f677b81d737ea46d4	4	t-4f6f677b81d737ea46d4	ticket.offered	2026-12-01 05:14:40.662595+00	{"to": "Offered", "why": "nearest suitable: 0.2 km, ETA 0 min, score 0.117 (eta 0.015, skill 0.100, load 0.000, urgency 0.002)", "from": "Dispatching", "details": {"expiresAt": "2026-12-01T05:15:40.6087169+00:00", "candidates": "[{\\"engineerId\\":\\"e-upgrade-1\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":222.39016046719345,\\"eta\\":\\"00:00:26.6868192\\",\\"etaCost\\":0.014826010666666667,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0018532513333333334,\\"total\\":0.116679262},{\\"engineerId\\":\\"e-upgrade-2\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":444.7803209343869,\\"eta\\":\\"00:00:53.3736385\\",\\"etaCost\\":0.02965202138888889,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0037065026736111113,\\"total\\":0.1333585240625}]", "engineerId": "e-upgrade-1"}, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:10.788421+00	2026-12-01 05:14:40.788421+00	\N	mail is off (no Mail:Host)
ticket:t-4f6f677b81d737ea46d4	5	t-4f6f677b81d737ea46d4	ticket.accepted	2026-12-01 05:14:40.812503+00	{"to": "Accepted", "why": null, "from": "Offered", "details": {"engineerId": "e-upgrade-1"}, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:11.12444+00	2026-12-01 05:14:41.12444+00	\N	mail is off (no Mail:Host)
ticket:t-7e2c1c411b2efbe6fdb6	4	t-7e2c1c411b2efbe6fdb6	ticket.offered	2026-12-01 05:14:40.922814+00	{"to": "Offered", "why": "nearest suitable: 0.4 km, ETA 1 min, score 0.133 (eta 0.030, skill 0.100, load 0.000, urgency 0.004)", "from": "Dispatching", "details": {"expiresAt": "2026-12-01T05:15:40.9150086+00:00", "candidates": "[{\\"engineerId\\":\\"e-upgrade-2\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":444.7803209343869,\\"eta\\":\\"00:00:53.3736385\\",\\"etaCost\\":0.02965202138888889,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0037065026736111113,\\"total\\":0.1333585240625}]", "engineerId": "e-upgrade-2"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:11.12444+00	2026-12-01 05:14:41.12444+00	\N	mail is off (no Mail:Host)
ticket:t-7e2c1c411b2efbe6fdb6	5	t-7e2c1c411b2efbe6fdb6	ticket.accepted	2026-12-01 05:14:41.117011+00	{"to": "Accepted", "why": null, "from": "Offered", "details": {"engineerId": "e-upgrade-2"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:11.38193+00	2026-12-01 05:14:41.38193+00	\N	mail is off (no Mail:Host)
ticket:t-7e2c1c411b2efbe6fdb6	6	t-7e2c1c411b2efbe6fdb6	ticket.en-route	2026-12-01 05:14:41.134688+00	{"to": "EnRoute", "why": null, "from": "Accepted", "details": null, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:11.38193+00	2026-12-01 05:14:41.38193+00	\N	mail is off (no Mail:Host)
ticket:t-7e2c1c411b2efbe6fdb6	8	t-7e2c1c411b2efbe6fdb6	ticket.resolved	2026-12-01 05:14:41.209976+00	{"to": "Resolved", "why": "replaced the fan (parts used: fan-motor)", "from": "OnSite", "details": {"report.parts": "fan-motor"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	skipped	1	2026-12-01 05:15:11.38193+00	2026-12-01 05:14:41.38193+00	\N	mail is off (no Mail:Host)
\.


--
-- Data for Name: dispatch_api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_api_keys (id, name, secret_hash, scope, channel, created_by, created_at, revoked_at) FROM stdin;
\.


--
-- Data for Name: dispatch_event_quarantine; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_event_quarantine (stream, sequence, type, at, actor_name, actor_role, data, reason, quarantined_at) FROM stdin;
\.


--
-- Data for Name: dispatch_events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_events (stream, sequence, type, at, actor_name, actor_role, data, recorded_at, "position", tx) FROM stdin;
customer:c-upgrade	1	customer.registered	2026-12-01 05:14:38.169344+00	system	system	{"profile": {"name": "Upgrade Sample Ltd", "tier": "standard", "email": null, "phone": null, "sites": [{"id": "hq", "lat": 31.198, "lon": 121.4765, "name": "Head office", "address": null}], "contract": null}}	2026-12-01 05:14:38.607049+00	1	759
engineer:e-upgrade-1	1	engineer.registered	2026-12-01 05:14:38.899213+00	system	system	{"why": null, "profile": {"name": "Engineer 1", "phone": null, "skills": {"upgrade-fx": 80}, "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "shiftCalendar": null}, "engineer": {"jobs": [], "name": "Engineer 1", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Offline", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": null, "presence": "Offline", "shiftCalendar": null}}	2026-12-01 05:14:38.972261+00	2	765
engineer:e-upgrade-1	2	engineer.shift-started	2026-12-01 05:14:38.985171+00	system	system	{"to": "Available", "why": null, "from": "Offline", "engineer": {"jobs": [], "name": "Engineer 1", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": null, "presence": "Available", "shiftCalendar": null}}	2026-12-01 05:14:39.003352+00	3	766
engineer:e-upgrade-1	3	engineer.seen	2026-12-01 05:14:39.011174+00	system	system	{"lat": 31.2, "lon": 121.4765, "why": null, "flagged": false, "engineer": {"jobs": [], "name": "Engineer 1", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.0111742+00:00", "lat": 31.2, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "accuracyMeters": 10}	2026-12-01 05:14:39.20944+00	4	771
engineer:e-upgrade-1	4	engineer.region-changed	2026-12-01 05:14:39.011174+00	system	system	{"to": "riverside", "why": null, "from": null, "engineer": {"jobs": [], "name": "Engineer 1", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.0111742+00:00", "lat": 31.2, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}}	2026-12-01 05:14:39.20944+00	5	771
engineer:e-upgrade-2	1	engineer.registered	2026-12-01 05:14:39.241332+00	system	system	{"why": null, "profile": {"name": "Engineer 2", "phone": null, "skills": {"upgrade-fx": 80}, "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "shiftCalendar": null}, "engineer": {"jobs": [], "name": "Engineer 2", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Offline", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": null, "presence": "Offline", "shiftCalendar": null}}	2026-12-01 05:14:39.245142+00	6	772
engineer:e-upgrade-2	2	engineer.shift-started	2026-12-01 05:14:39.257844+00	system	system	{"to": "Available", "why": null, "from": "Offline", "engineer": {"jobs": [], "name": "Engineer 2", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": null, "presence": "Available", "shiftCalendar": null}}	2026-12-01 05:14:39.258528+00	7	773
engineer:e-upgrade-2	3	engineer.seen	2026-12-01 05:14:39.27824+00	system	system	{"lat": 31.202, "lon": 121.4765, "why": null, "flagged": false, "engineer": {"jobs": [], "name": "Engineer 2", "offer": null, "phone": null, "region": null, "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "accuracyMeters": 10}	2026-12-01 05:14:39.281443+00	8	775
engineer:e-upgrade-2	4	engineer.region-changed	2026-12-01 05:14:39.27824+00	system	system	{"to": "riverside", "why": null, "from": null, "engineer": {"jobs": [], "name": "Engineer 2", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}}	2026-12-01 05:14:39.281443+00	9	775
sla-policy:feedback-follow-up	1	sla.policy-added	2026-12-01 05:14:39.625238+00	system	system	{"why": "seeded from configuration", "policy": {"id": "feedback-follow-up", "name": "Negative feedback follow-up (owner within 24 h, solution within 48 h)", "match": {"tiers": null, "regions": null, "priorities": null, "serviceTypes": ["feedback"]}, "ladder": [{"id": "owner-24h", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 50, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-90", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 90, "afterBreach": null, "acknowledgeWithin": null}, {"id": "breach", "kind": "breach", "level": 1, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 100, "afterBreach": null, "acknowledgeWithin": null}, {"id": "director", "kind": "escalation", "level": 2, "actions": [{"role": "director", "type": "alertRole", "factor": null}], "metrics": null, "percent": null, "afterBreach": "04:00:00", "acknowledgeWithin": null}], "targets": [{"metric": "resolution", "target": "2.00:00:00", "calendar": "24x7"}]}, "policyId": "feedback-follow-up", "position": 0}	2026-12-01 05:14:39.715136+00	10	781
sla-policy:vip-critical	1	sla.policy-added	2026-12-01 05:14:39.65992+00	system	system	{"why": "seeded from configuration", "policy": {"id": "vip-critical", "name": "VIP critical", "match": {"tiers": ["vip"], "regions": null, "priorities": ["P1"], "serviceTypes": null}, "ladder": [{"id": "warn-50", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 50, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-75", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 75, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-90", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 90, "afterBreach": null, "acknowledgeWithin": null}, {"id": "breach", "kind": "breach", "level": 1, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}, {"role": null, "type": "widenSearch", "factor": 2}], "metrics": null, "percent": 100, "afterBreach": null, "acknowledgeWithin": null}, {"id": "supervisor", "kind": "escalation", "level": 2, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}, {"role": null, "type": "raisePriority", "factor": null}], "metrics": null, "percent": null, "afterBreach": "00:30:00", "acknowledgeWithin": null}, {"id": "director", "kind": "escalation", "level": 3, "actions": [{"role": "director", "type": "alertRole", "factor": null}], "metrics": null, "percent": null, "afterBreach": "02:00:00", "acknowledgeWithin": null}], "targets": [{"metric": "response", "target": "00:30:00", "calendar": "24x7"}, {"metric": "accept", "target": "00:05:00", "calendar": "24x7"}, {"metric": "arrival", "target": "02:00:00", "calendar": "24x7"}, {"metric": "resolution", "target": "08:00:00", "calendar": "24x7"}]}, "policyId": "vip-critical", "position": 1}	2026-12-01 05:14:39.715136+00	11	781
sla-policy:critical	1	sla.policy-added	2026-12-01 05:14:39.660083+00	system	system	{"why": "seeded from configuration", "policy": {"id": "critical", "name": "Critical", "match": {"tiers": null, "regions": null, "priorities": ["P1"], "serviceTypes": null}, "ladder": [{"id": "warn-50", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 50, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-75", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 75, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-90", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 90, "afterBreach": null, "acknowledgeWithin": null}, {"id": "breach", "kind": "breach", "level": 1, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}, {"role": null, "type": "widenSearch", "factor": 2}], "metrics": null, "percent": 100, "afterBreach": null, "acknowledgeWithin": null}, {"id": "supervisor", "kind": "escalation", "level": 2, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}, {"role": null, "type": "raisePriority", "factor": null}], "metrics": null, "percent": null, "afterBreach": "00:30:00", "acknowledgeWithin": null}, {"id": "director", "kind": "escalation", "level": 3, "actions": [{"role": "director", "type": "alertRole", "factor": null}], "metrics": null, "percent": null, "afterBreach": "02:00:00", "acknowledgeWithin": null}], "targets": [{"metric": "response", "target": "01:00:00", "calendar": "24x7"}, {"metric": "accept", "target": "00:10:00", "calendar": "24x7"}, {"metric": "arrival", "target": "04:00:00", "calendar": "24x7"}, {"metric": "resolution", "target": "1.00:00:00", "calendar": "24x7"}]}, "policyId": "critical", "position": 2}	2026-12-01 05:14:39.715136+00	12	781
sla-policy:consultation	1	sla.policy-added	2026-12-01 05:14:39.660136+00	system	system	{"why": "seeded from configuration", "policy": {"id": "consultation", "name": "Consultation", "match": {"tiers": null, "regions": null, "priorities": null, "serviceTypes": ["consultation"]}, "ladder": [{"id": "warn-50", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 50, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-75", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 75, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-90", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 90, "afterBreach": null, "acknowledgeWithin": null}, {"id": "breach", "kind": "breach", "level": 1, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}, {"role": null, "type": "widenSearch", "factor": 2}], "metrics": null, "percent": 100, "afterBreach": null, "acknowledgeWithin": null}, {"id": "supervisor", "kind": "escalation", "level": 2, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}, {"role": null, "type": "raisePriority", "factor": null}], "metrics": null, "percent": null, "afterBreach": "00:30:00", "acknowledgeWithin": null}, {"id": "director", "kind": "escalation", "level": 3, "actions": [{"role": "director", "type": "alertRole", "factor": null}], "metrics": null, "percent": null, "afterBreach": "02:00:00", "acknowledgeWithin": null}], "targets": [{"metric": "resolution", "target": "04:00:00", "calendar": "shanghai-business"}]}, "policyId": "consultation", "position": 3}	2026-12-01 05:14:39.715136+00	13	781
sla-policy:high	1	sla.policy-added	2026-12-01 05:14:39.660166+00	system	system	{"why": "seeded from configuration", "policy": {"id": "high", "name": "High", "match": {"tiers": null, "regions": null, "priorities": ["P2"], "serviceTypes": null}, "ladder": [{"id": "warn-50", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 50, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-75", "kind": "warning", "level": 0, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}], "metrics": null, "percent": 75, "afterBreach": null, "acknowledgeWithin": null}, {"id": "warn-90", "kind": "warning", "level": 0, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}], "metrics": null, "percent": 90, "afterBreach": null, "acknowledgeWithin": null}, {"id": "breach", "kind": "breach", "level": 1, "actions": [{"role": "dispatcher", "type": "alertRole", "factor": null}, {"role": null, "type": "widenSearch", "factor": 2}], "metrics": null, "percent": 100, "afterBreach": null, "acknowledgeWithin": null}, {"id": "supervisor", "kind": "escalation", "level": 2, "actions": [{"role": "supervisor", "type": "alertRole", "factor": null}, {"role": null, "type": "raisePriority", "factor": null}], "metrics": null, "percent": null, "afterBreach": "00:30:00", "acknowledgeWithin": null}, {"id": "director", "kind": "escalation", "level": 3, "actions": [{"role": "director", "type": "alertRole", "factor": null}], "metrics": null, "percent": null, "afterBreach": "02:00:00", "acknowledgeWithin": null}], "targets": [{"metric": "response", "target": "02:00:00", "calendar": "shanghai-business"}, {"metric": "accept", "target": "00:15:00", "calendar": "24x7"}, {"metric": "arrival", "target": "08:00:00", "calendar": "shanghai-business"}, {"metric": "resolution", "target": "2.00:00:00", "calendar": "shanghai-business"}]}, "policyId": "high", "position": 4}	2026-12-01 05:14:39.715136+00	14	781
ticket:t-8de8ae0904b917ee2bfd	1	ticket.created	2026-12-01 05:14:39.350057+00	system	system	{"to": "New", "why": "via api", "from": null, "details": {"title": "Sample: waiting", "region": "riverside", "channel": "api", "priority": "P3", "slaPolicy": "standard", "customerId": "c-upgrade", "externalId": "t-8de8ae0904b917ee2bfd", "description": "Written by the upgrade sample", "serviceType": "repair"}, "ticketId": "t-8de8ae0904b917ee2bfd", "customerId": "c-upgrade"}	2026-12-01 05:14:40.189617+00	15	787
ticket:t-8de8ae0904b917ee2bfd	2	ticket.triaged	2026-12-01 05:14:39.350057+00	system	system	{"to": "Triaged", "why": "triaged at intake", "from": "New", "details": null, "ticketId": "t-8de8ae0904b917ee2bfd", "customerId": "c-upgrade"}	2026-12-01 05:14:40.189617+00	16	787
ticket:t-8de8ae0904b917ee2bfd	3	ticket.dispatching	2026-12-01 05:14:39.350057+00	system	system	{"to": "Dispatching", "why": "triaged", "from": "Triaged", "details": null, "ticketId": "t-8de8ae0904b917ee2bfd", "customerId": "c-upgrade"}	2026-12-01 05:14:40.189617+00	17	787
ticket:t-5c552131235f1d0f2aef	1	ticket.created	2026-12-01 05:14:40.29334+00	system	system	{"to": "New", "why": "via api", "from": null, "details": {"title": "Sample: cancelled", "region": "riverside", "channel": "api", "priority": "P3", "slaPolicy": "standard", "customerId": "c-upgrade", "externalId": "t-5c552131235f1d0f2aef", "description": "Written by the upgrade sample", "serviceType": "repair"}, "ticketId": "t-5c552131235f1d0f2aef", "customerId": "c-upgrade"}	2026-12-01 05:14:40.31511+00	18	793
ticket:t-5c552131235f1d0f2aef	2	ticket.triaged	2026-12-01 05:14:40.29334+00	system	system	{"to": "Triaged", "why": "triaged at intake", "from": "New", "details": null, "ticketId": "t-5c552131235f1d0f2aef", "customerId": "c-upgrade"}	2026-12-01 05:14:40.31511+00	19	793
ticket:t-5c552131235f1d0f2aef	3	ticket.dispatching	2026-12-01 05:14:40.29334+00	system	system	{"to": "Dispatching", "why": "triaged", "from": "Triaged", "details": null, "ticketId": "t-5c552131235f1d0f2aef", "customerId": "c-upgrade"}	2026-12-01 05:14:40.31511+00	20	793
ticket:t-5c552131235f1d0f2aef	4	ticket.cancelled	2026-12-01 05:14:40.341668+00	dana	dispatcher	{"to": "Cancelled", "why": "customer fixed it", "from": "Dispatching", "details": null, "ticketId": "t-5c552131235f1d0f2aef", "customerId": "c-upgrade"}	2026-12-01 05:14:40.52518+00	21	799
ticket:t-4f6f677b81d737ea46d4	1	ticket.created	2026-12-01 05:14:40.549307+00	system	system	{"to": "New", "why": "via api", "from": null, "details": {"title": "Sample: accepted", "region": "riverside", "channel": "api", "priority": "P3", "slaPolicy": "standard", "customerId": "c-upgrade", "externalId": "t-4f6f677b81d737ea46d4", "description": "Written by the upgrade sample", "serviceType": "repair"}, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	2026-12-01 05:14:40.570593+00	22	805
ticket:t-4f6f677b81d737ea46d4	2	ticket.triaged	2026-12-01 05:14:40.549307+00	system	system	{"to": "Triaged", "why": "triaged at intake", "from": "New", "details": null, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	2026-12-01 05:14:40.570593+00	23	805
ticket:t-4f6f677b81d737ea46d4	3	ticket.dispatching	2026-12-01 05:14:40.549307+00	system	system	{"to": "Dispatching", "why": "triaged", "from": "Triaged", "details": null, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	2026-12-01 05:14:40.570593+00	24	805
engineer:e-upgrade-1	5	engineer.offered	2026-12-01 05:14:40.620222+00	system	system	{"why": null, "engineer": {"jobs": [], "name": "Engineer 1", "offer": "t-4f6f677b81d737ea46d4", "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Offered", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.0111742+00:00", "lat": 31.2, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-4f6f677b81d737ea46d4", "expiresAt": "2026-12-01T05:15:40.6087169+00:00", "distanceMeters": 222.4}	2026-12-01 05:14:40.629687+00	25	807
ticket:t-4f6f677b81d737ea46d4	4	ticket.offered	2026-12-01 05:14:40.662595+00	system	system	{"to": "Offered", "why": "nearest suitable: 0.2 km, ETA 0 min, score 0.117 (eta 0.015, skill 0.100, load 0.000, urgency 0.002)", "from": "Dispatching", "details": {"expiresAt": "2026-12-01T05:15:40.6087169+00:00", "candidates": "[{\\"engineerId\\":\\"e-upgrade-1\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":222.39016046719345,\\"eta\\":\\"00:00:26.6868192\\",\\"etaCost\\":0.014826010666666667,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0018532513333333334,\\"total\\":0.116679262},{\\"engineerId\\":\\"e-upgrade-2\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":444.7803209343869,\\"eta\\":\\"00:00:53.3736385\\",\\"etaCost\\":0.02965202138888889,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0037065026736111113,\\"total\\":0.1333585240625}]", "engineerId": "e-upgrade-1"}, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	2026-12-01 05:14:40.730765+00	26	809
ticket:t-4f6f677b81d737ea46d4	5	ticket.accepted	2026-12-01 05:14:40.812503+00	e-upgrade-1	engineer	{"to": "Accepted", "why": null, "from": "Offered", "details": {"engineerId": "e-upgrade-1"}, "ticketId": "t-4f6f677b81d737ea46d4", "customerId": "c-upgrade"}	2026-12-01 05:14:40.824755+00	27	814
engineer:e-upgrade-1	6	engineer.job-accepted	2026-12-01 05:14:40.849684+00	e-upgrade-1	engineer	{"why": null, "engineer": {"jobs": ["t-4f6f677b81d737ea46d4"], "name": "Engineer 1", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.2, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.0111742+00:00", "lat": 31.2, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-4f6f677b81d737ea46d4"}	2026-12-01 05:14:40.88158+00	28	816
ticket:t-7e2c1c411b2efbe6fdb6	1	ticket.created	2026-12-01 05:14:40.892925+00	system	system	{"to": "New", "why": "via api", "from": null, "details": {"title": "Sample: resolved", "region": "riverside", "channel": "api", "priority": "P3", "slaPolicy": "standard", "customerId": "c-upgrade", "externalId": "t-7e2c1c411b2efbe6fdb6", "description": "Written by the upgrade sample", "serviceType": "repair"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:40.902315+00	29	819
ticket:t-7e2c1c411b2efbe6fdb6	2	ticket.triaged	2026-12-01 05:14:40.892925+00	system	system	{"to": "Triaged", "why": "triaged at intake", "from": "New", "details": null, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:40.902315+00	30	819
ticket:t-7e2c1c411b2efbe6fdb6	3	ticket.dispatching	2026-12-01 05:14:40.892925+00	system	system	{"to": "Dispatching", "why": "triaged", "from": "Triaged", "details": null, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:40.902315+00	31	819
engineer:e-upgrade-2	5	engineer.offered	2026-12-01 05:14:40.915592+00	system	system	{"why": null, "engineer": {"jobs": [], "name": "Engineer 2", "offer": "t-7e2c1c411b2efbe6fdb6", "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Offered", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "expiresAt": "2026-12-01T05:15:40.9150086+00:00", "distanceMeters": 444.8}	2026-12-01 05:14:40.916448+00	32	820
ticket:t-7e2c1c411b2efbe6fdb6	4	ticket.offered	2026-12-01 05:14:40.922814+00	system	system	{"to": "Offered", "why": "nearest suitable: 0.4 km, ETA 1 min, score 0.133 (eta 0.030, skill 0.100, load 0.000, urgency 0.004)", "from": "Dispatching", "details": {"expiresAt": "2026-12-01T05:15:40.9150086+00:00", "candidates": "[{\\"engineerId\\":\\"e-upgrade-2\\",\\"region\\":\\"riverside\\",\\"distanceMeters\\":444.7803209343869,\\"eta\\":\\"00:00:53.3736385\\",\\"etaCost\\":0.02965202138888889,\\"proficiencyCost\\":0.1,\\"loadCost\\":0,\\"urgencyCost\\":0.0037065026736111113,\\"total\\":0.1333585240625}]", "engineerId": "e-upgrade-2"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:40.92422+00	33	821
ticket:t-7e2c1c411b2efbe6fdb6	5	ticket.accepted	2026-12-01 05:14:41.117011+00	e-upgrade-2	engineer	{"to": "Accepted", "why": null, "from": "Offered", "details": {"engineerId": "e-upgrade-2"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:41.118642+00	34	828
engineer:e-upgrade-2	6	engineer.job-accepted	2026-12-01 05:14:41.122106+00	e-upgrade-2	engineer	{"why": null, "engineer": {"jobs": ["t-7e2c1c411b2efbe6fdb6"], "name": "Engineer 2", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-7e2c1c411b2efbe6fdb6"}	2026-12-01 05:14:41.124295+00	35	829
ticket:t-7e2c1c411b2efbe6fdb6	6	ticket.en-route	2026-12-01 05:14:41.134688+00	e-upgrade-2	engineer	{"to": "EnRoute", "why": null, "from": "Accepted", "details": null, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:41.137389+00	36	831
engineer:e-upgrade-2	7	engineer.job-advanced	2026-12-01 05:14:41.151995+00	e-upgrade-2	engineer	{"to": "EnRoute", "why": null, "engineer": {"jobs": ["t-7e2c1c411b2efbe6fdb6"], "name": "Engineer 2", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "EnRoute", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-7e2c1c411b2efbe6fdb6"}	2026-12-01 05:14:41.160422+00	37	833
ticket:t-7e2c1c411b2efbe6fdb6	7	ticket.on-site	2026-12-01 05:14:41.169417+00	e-upgrade-2	engineer	{"to": "OnSite", "why": null, "from": "EnRoute", "details": null, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:41.172693+00	38	834
engineer:e-upgrade-2	8	engineer.job-advanced	2026-12-01 05:14:41.182877+00	e-upgrade-2	engineer	{"to": "OnSite", "why": null, "engineer": {"jobs": ["t-7e2c1c411b2efbe6fdb6"], "name": "Engineer 2", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "OnSite", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-7e2c1c411b2efbe6fdb6"}	2026-12-01 05:14:41.185138+00	39	835
ticket:t-7e2c1c411b2efbe6fdb6	8	ticket.resolved	2026-12-01 05:14:41.209976+00	e-upgrade-2	engineer	{"to": "Resolved", "why": "replaced the fan (parts used: fan-motor)", "from": "OnSite", "details": {"report.parts": "fan-motor"}, "ticketId": "t-7e2c1c411b2efbe6fdb6", "customerId": "c-upgrade"}	2026-12-01 05:14:41.218105+00	40	836
engineer:e-upgrade-2	9	engineer.job-finished	2026-12-01 05:14:41.227206+00	system	system	{"why": null, "engineer": {"jobs": [], "name": "Engineer 2", "offer": null, "phone": null, "region": "riverside", "skills": {"upgrade-fx": 80}, "status": "Available", "capacity": 1, "homeBase": {"lat": 31.202, "lon": 121.4765}, "lastSeen": {"at": "2026-12-01T05:14:39.2782401+00:00", "lat": 31.202, "lon": 121.4765, "flagged": false}, "presence": "Available", "shiftCalendar": null}, "ticketId": "t-7e2c1c411b2efbe6fdb6"}	2026-12-01 05:14:41.236189+00	41	838
\.


--
-- Data for Name: dispatch_field_photos; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_field_photos (id, ticket_id, engineer_id, kind, content_type, bytes, stored_at) FROM stdin;
\.


--
-- Data for Name: dispatch_projection_checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_projection_checkpoints (projection, last_tx, last_position, events_applied, rebuilds, updated_at) FROM stdin;
webhooks	838	41	41	0	2026-12-01 05:14:41.2968+00
read-model	838	41	41	1	2026-12-01 05:14:41.34328+00
customer-mail	838	41	41	0	2026-12-01 05:14:41.366157+00
\.


--
-- Data for Name: dispatch_refresh_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_refresh_tokens (token_hash, user_name, family, issued_at, expires_at, used_at, revoked_at) FROM stdin;
\.


--
-- Data for Name: dispatch_schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_schema_migrations (version, name, checksum, applied_at) FROM stdin;
1	orleans_clustering	14DF7C057E37FBF3520CE2606DDCF385FFE914C2D72EFEBAD1F56854325C7D7A	2026-12-01 05:14:34.176729+00
2	orleans_persistence	D25EE9FCC76302C1FF0DEC1D76F39242D810E0F0E78E674B472B2EFF200973FA	2026-12-01 05:14:34.202292+00
3	orleans_reminders	C0E8AC7EFE458FC6D71E42D92954AC04A5DA240D0E1CDDC1CF0F79AFB7296752	2026-12-01 05:14:34.212978+00
4	dispatch_events	BDB94AD6B496D10F80112F056ECB1EEFCA62B347F2ADED9A9016B92D0004D490	2026-12-01 05:14:34.22711+00
5	state_with_events	D5451E02579EB52F67EF5E48847628DF134B565EF6FDD20E061735AAB120498D	2026-12-01 05:14:34.234839+00
6	read_side	68041428ADFA30120CC4A9E883C4B96CACC06352981DCA75B32A04F9BB62F6AD	2026-12-01 05:14:34.243777+00
7	overdue_reminders	1E0BFFE22329BADD96FAB10AA8E6C06D62AB010C15466B2BDDF64901EDF44A2A	2026-12-01 05:14:34.299945+00
8	accounts	0671955D71D7CC0A1FE052A020B62E8BA16E3FC5FD996C9E87842FB9C72EDBA1	2026-12-01 05:14:34.304331+00
10	webhooks	030D23EADB5E750D8497D323AB5226E3B828DB9EC75763B0C6DDFD0539FA0DBE	2026-12-01 05:14:34.368194+00
11	customer_mail_web_push	7BC66557FAA7E88BF5769D62B701C6B38869A0918FD467F046DBEC662E1491B6	2026-12-01 05:14:34.418079+00
12	engineer_read_model	43898DC3BAD21D025F3A98440A4D5ED89CB25F984085A941BDC96B8DAA0446A0	2026-12-01 05:14:34.445463+00
13	field_photos	B88CB79996877C77927D87BB55240566593AD15C3A36872280317DC0EDA287D7	2026-12-01 05:14:34.481473+00
15	read_side_reports	7CCE6C84B0082A1565E743B592203BF068237AB7049865E802333F03D57490FE	2026-12-01 05:14:34.513519+00
16	ticket_text	4D9FA8CF00A52F8DE77D64AA75A7CB6F878A5963CE7E35951A6B9DCB2240C364	2026-12-01 05:14:34.578769+00
17	report_days	4349390F0BBCB368E95A3DDCB1FA24364ABF646F1EE3A6831F3202A8E91D6DA8	2026-12-01 05:14:34.699543+00
19	customer_mail_due_order	15AD60ECCD75D353997FDCA67066F3F7063E04A850B7F21B5CB2D2EF066FEB56	2026-12-01 05:14:34.761428+00
20	report_days_by_ticket	9270BC61DA75D7647B3A7FC4437C7A0175E45F0D8328F65A0651D2883DF5B18D	2026-12-01 05:14:34.785429+00
\.


--
-- Data for Name: dispatch_users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dispatch_users (user_name, normalized_user_name, display_name, role, engineer_id, regions, password_hash, security_stamp, must_change_password, disabled, access_failed_count, lockout_end, created_at) FROM stdin;
\.


--
-- Data for Name: engineer_push_subscriptions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.engineer_push_subscriptions (endpoint, engineer_id, p256dh, auth, created_at) FROM stdin;
\.


--
-- Data for Name: orleans_grain_state; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, service_id, payload, version, modified_at) FROM stdin;
-1660867235	688198988	0	0	customer	c-upgrade	dispatch	\\x2020e84025557067726164652053616d706c65204c746441117374616e646172643101ed8836cb7753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b64697370617463682e637573746f6d65722d736974655d5d000321e840056871411748656164206f666669636581a69bc420b0323f4081d122dbf97e5e5e40c101e0e0c101c101c101e02180038a34ff694fdf08810000000000000000e02180038a34ff694fdf08810000000000000000e021000921e8402d742d3864653861653039303462393137656532626664411f53616d706c653a2077616974696e6741055033410d72657061697241174469737061746368696e672180a2b3e8ff694fdf08810000000000000000e0c10101010103e020e8402d742d3563353532313331323335663164306632616566412353616d706c653a2063616e63656c6c6564c137c139411343616e63656c6c656421809ba278006a4fdf08810000000000000000e0c10101010101e020e8402d742d3466366636373762383164373337656134366434412153616d706c653a206163636570746564c137c139c13b218053b19f006a4fdf08810000000000000000e0c10101010103e020e8402d742d3765326331633431316232656662653666646236412153616d706c653a207265736f6c766564c137c13941115265736f6c7665642180e81fd4006a4fdf08810000000000000000e02180b38004016a4fdf08810000000000000000e001010101e0e021e001d2022180bfdd06016a4fdf08810000000000000000e00101010521e0e0	7	2026-12-01 05:14:41.236189+00
-50383495	83797723	0	0	engineer	e-upgrade-2	dispatch	\\x2020e84015456e67696e65657220323101fefcfdab6f53797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b696e745d5d01034115757067726164652d6678008202e021e880c1caa145b6333f4081d122dbf97e5e5e40e0c1010105c101e009030521e880c1caa145b6333f4081d122dbf97e5e5e40218041beddff694fdf08810000000000000000e08100000000000024400101e021e880c1caa145b6333f4081d122dbf97e5e5e40218041beddff694fdf08810000000000000000e08100000000000024400101e04113726976657273696465c10121e0616e4a0b0001050125e0	8	2026-12-01 05:14:41.236189+00
-115684072	83797723	0	0	engineer	e-upgrade-1	dispatch	\\x2020e84015456e67696e65657220313101fefcfdab6f53797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b696e745d5d01034115757067726164652d6678008202e021e8803333333333333f4081d122dbf97e5e5e40e0c1010105c101e009030521e8803333333333333f4081d122dbf97e5e5e402180fefdb4ff694fdf08810000000000000000e08100000000000024400101e021e8803333333333333f4081d122dbf97e5e5e402180fefdb4ff694fdf08810000000000000000e08100000000000024400101e04113726976657273696465c101210103412d742d3466366636373762383164373337656134366434080301e0610000000001010119e0	5	2026-12-01 05:14:40.88158+00
967464586	718773312	0	0	region	riverside	dispatch	\\x202001054117652d757067726164652d314017652d757067726164652d32e0e0	2	2026-12-01 05:14:39.342201+00
328578014	-112644702	0	0	sla-book	\N	dispatch	\\x2000052120000521400932347837c10121e021e0e02040237368616e676861692d627573696e657373411b417369612f5368616e6768616921010d410d46726964617920000321400b30393a3030410b31383a3030e0e0400d4d6f6e64617920000321400b30393a3030410b31383a3030e0e04011536174757264617920000321400b30393a3030410b31323a3030e0e04011546875727364617920000321400b30393a3030410b31383a3030e0e0400f5475657364617920000321400b30393a3030410b31383a3030e0e040135765646e657364617920000321400b30393a3030410b31383a3030e0e0e021000d61314a0b0060324a0b0060354a0b0060364a0b0060374a0b00608d4a0b00e0e0e021000b214025666565646261636b2d666f6c6c6f772d7570418b4e6567617469766520666565646261636b20666f6c6c6f772d757020286f776e65722077697468696e20323420682c20736f6c7574696f6e2077697468696e20343820682921c001c1012100034111666565646261636be0c101e02100032140157265736f6c7574696f6e810080d35492010000410932347837e0e02100092140136f776e65722d323468410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100a01187210000000109210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e02040197669702d637269746963616c411956495020637269746963616c2120000341055031e02100034107766970e0c101c101e0210009214011726573706f6e7365810034e23004000000410932347837e020400d61636365707481005ed0b200000000410932347837e020400f6172726976616c8100d088c310000000410932347837e02040157265736f6c7574696f6e810040230e43000000410932347837e0e021000d21400f7761726e2d3530410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3735410f7761726e696e67810000000000c05240c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210005214013616c657274526f6c65411564697370617463686572c101e0204017776964656e536561726368c101810000000000000040e0e0c101c101e020401573757065727669736f724115657363616c6174696f6ec101810034e230040000000109210005214013616c657274526f6c65411573757065727669736f72c101e020401b72616973655072696f72697479c101c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e0204011637269746963616c4111437269746963616c2120000341055031e0c101c101c101e0210009214011726573706f6e7365810068c46108000000410932347837e020400d6163636570748100bca06501000000410932347837e020400f6172726976616c8100a0118721000000410932347837e02040157265736f6c7574696f6e8100c0692ac9000000410932347837e0e021000d21400f7761726e2d3530410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3735410f7761726e696e67810000000000c05240c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210005214013616c657274526f6c65411564697370617463686572c101e0204017776964656e536561726368c101810000000000000040e0e0c101c101e020401573757065727669736f724115657363616c6174696f6ec101810034e230040000000109210005214013616c657274526f6c65411573757065727669736f72c101e020401b72616973655072696f72697479c101c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e0204019636f6e73756c746174696f6e4119436f6e73756c746174696f6e21c001c1012100034119636f6e73756c746174696f6ee0c101e02100032140157265736f6c7574696f6e8100a011872100000041237368616e676861692d627573696e657373e0e021000d21400f7761726e2d3530410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3735410f7761726e696e67810000000000c05240c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210005214013616c657274526f6c65411564697370617463686572c101e0204017776964656e536561726368c101810000000000000040e0e0c101c101e020401573757065727669736f724115657363616c6174696f6ec101810034e230040000000109210005214013616c657274526f6c65411573757065727669736f72c101e020401b72616973655072696f72697479c101c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e0204009686967684109486967682120000341055032e0c101c101c101e0210009214011726573706f6e73658100d088c31000000041237368616e676861692d627573696e657373e020400d61636365707481001a711802000000410932347837e020400f6172726976616c810040230e4300000041237368616e676861692d627573696e657373e02040157265736f6c7574696f6e810080d3549201000041237368616e676861692d627573696e657373e0e021000d21400f7761726e2d3530410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3735410f7761726e696e67810000000000c05240c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210005214013616c657274526f6c65411564697370617463686572c101e0204017776964656e536561726368c101810000000000000040e0e0c101c101e020401573757065727669736f724115657363616c6174696f6ec101810034e230040000000109210005214013616c657274526f6c65411573757065727669736f72c101e020401b72616973655072696f72697479c101c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e0e02140117374616e6461726441115374616e6461726421c001c101c101c101e0210009214011726573706f6e73658100a011872100000041237368616e676861692d627573696e657373e020400d616363657074810034e23004000000410932347837e020400f6172726976616c8100c0692ac900000041237368616e676861692d627573696e657373e02040157265736f6c7574696f6e8100403d7f5b02000041237368616e676861692d627573696e657373e0e021000d21400f7761726e2d3530410f7761726e696e67810000000000004940c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3735410f7761726e696e67810000000000c05240c1010101210003214013616c657274526f6c65411564697370617463686572c101e0e0c101c101e020400f7761726e2d3930410f7761726e696e67810000000000805640c1010101210003214013616c657274526f6c65411573757065727669736f72c101e0e0c101c101e020400d627265616368410d627265616368810000000000005940c1010105210005214013616c657274526f6c65411564697370617463686572c101e0204017776964656e536561726368c101810000000000000040e0e0c101c101e020401573757065727669736f724115657363616c6174696f6ec101810034e230040000000109210005214013616c657274526f6c65411573757065727669736f72c101e020401b72616973655072696f72697479c101c101e0e0c101c101e02040116469726563746f724115657363616c6174696f6ec1018100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e02100032140237669702d70312d756e61636365707465644189564950205031206e6f742061636365707465642077697468696e203220686f7572733a20657363616c61746520746f207468652073657276696365206469726563746f722100034107766970e021000341055031e0c101411b6f6666657241636365707465648100d088c310000000010d210003214013616c657274526f6c6541116469726563746f72c101e0e0c101c101e0e0e021010bc17f0005c026020005c016040005c0fe050005c0b6070005e0e0	1	2026-12-01 05:14:39.715136+00
-1576397256	1071537537	0	0	ticket	t-8de8ae0904b917ee2bfd	dispatch	\\x20000321e84013632d75706772616465411f53616d706c653a2077616974696e67413b5772697474656e2062792074686520757067726164652073616d706c65410d7265706169724105503321e880a69bc420b0323f4081d122dbf97e5e5e40e03101c3d96e3e4d526561644f6e6c794c697374496e74657266616365436f64656360315b5b737472696e675d5d0003411d757067726164652d6e6f626f6479e04107617069412d742d3864653861653039303462393137656532626664c101e041117374616e64617264090309c101c101090309c101c101010181000000000000f03f41117374616e64617264c10121000721e800052180a2b3e8ff694fdf08810000000000000000e0411d7469636b65742e63726561746564c10141074e6577410d73797374656dc14f410f766961206170693101db36ad737553797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b737472696e675d5d011341117072696f72697479c01140177365727669636554797065c00f4015637573746f6d65724964c0094013736c61506f6c696379c037400d726567696f6e4013726976657273696465400b7469746c65c00b40176465736372697074696f6ec00d400f6368616e6e656cc01f401565787465726e616c4964c021e0e020e800092180a2b3e8ff694fdf08810000000000000000e0411d7469636b65742e74726961676564c14d410f54726961676564c14fc14f41237472696167656420617420696e74616b65c101e020e8000d2180a2b3e8ff694fdf08810000000000000000e041257469636b65742e6469737061746368696e67c18b41174469737061746368696e67c14fc14f410f74726961676564c101e0e021000321e82080a2b3e8ff694fdf08810000000000000000e0090301c101e0e021e0010dc1012180a2b3e8ff694fdf08810000000000000000e0c101c16b2180a256ca116a4fdf08810000000000000000e021e0c1012180a2b3e8ff694fdf08810000000000000000e0c101213001312cd42e1d537472696e67436f6d706172657200030101e0e0e0	1	2026-12-01 05:14:40.189617+00
1358416017	1071537537	0	0	ticket	t-5c552131235f1d0f2aef	dispatch	\\x20000321e84013632d75706772616465412353616d706c653a2063616e63656c6c6564413b5772697474656e2062792074686520757067726164652073616d706c65410d7265706169724105503321e880a69bc420b0323f4081d122dbf97e5e5e40e03101c3d96e3e4d526561644f6e6c794c697374496e74657266616365436f64656360315b5b737472696e675d5d0003411d757067726164652d6e6f626f6479e04107617069412d742d3563353532313331323335663164306632616566c101e041117374616e64617264090329c101c101090309c101c101010181000000000000f03f41117374616e64617264c10121000921e8000521809ba278006a4fdf08810000000000000000e0411d7469636b65742e63726561746564c10141074e6577410d73797374656dc14f410f766961206170693101db36ad737553797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b737472696e675d5d011341117072696f72697479c01140177365727669636554797065c00f4015637573746f6d65724964c0094013736c61506f6c696379c037400d726567696f6e4013726976657273696465400b7469746c65c00b40176465736372697074696f6ec00d400f6368616e6e656cc01f401565787465726e616c4964c021e0e020e8000921809ba278006a4fdf08810000000000000000e0411d7469636b65742e74726961676564c14d410f54726961676564c14fc14f41237472696167656420617420696e74616b65c101e020e8000d21809ba278006a4fdf08810000000000000000e041257469636b65742e6469737061746368696e67c18b41174469737061746368696e67c14fc14f410f74726961676564c101e020e800112180690280006a4fdf08810000000000000000e041217469636b65742e63616e63656c6c6564c1a3411343616e63656c6c6564410964616e614115646973706174636865724123637573746f6d6572206669786564206974c101e0e021000521e820809ba278006a4fdf08810000000000000000e0090301c101e020e82080690280006a4fdf08810000000000000000e0090329c1c1e0e021e00111c10121809ba278006a4fdf08810000000000000000e0c101c16bc10121e0c101c101c101213001312cd42e1d537472696e67436f6d706172657200030101e0e0e0	2	2026-12-01 05:14:40.52518+00
967464586	-562287621	0	0	region-queue	riverside	dispatch	\\x20200103412d742d386465386165303930346239313765653262666420e8c00921e880a69bc420b0323f4081d122dbf97e5e5e40e03101c3d96e3e4d526561644f6e6c794c697374496e74657266616365436f64656360315b5b737472696e675d5d0003411d757067726164652d6e6f626f6479e0410550338100a011872100000081000000000000f03f3903e02180a2b3e8ff694fdf08810000000000000000e0e0e0e0	7	2026-12-01 05:14:40.933167+00
-869705288	1071537537	0	0	ticket	t-4f6f677b81d737ea46d4	dispatch	\\x20000321e84013632d75706772616465412153616d706c653a206163636570746564413b5772697474656e2062792074686520757067726164652073616d706c65410d7265706169724105503321e880a69bc420b0323f4081d122dbf97e5e5e40e03101c3d96e3e4d526561644f6e6c794c697374496e74657266616365436f64656360315b5b737472696e675d5d00034115757067726164652d6678e04107617069412d742d3466366636373762383164373337656134366434c101e041117374616e64617264090311c101c101090309c1014117652d757067726164652d31010181000000000000f03f41117374616e64617264c10121000b21e80005218053b19f006a4fdf08810000000000000000e0411d7469636b65742e63726561746564c10141074e6577410d73797374656dc14f410f766961206170693101db36ad737553797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b737472696e675d5d011341117072696f72697479c01140177365727669636554797065c00f4015637573746f6d65724964c0094013736c61506f6c696379c037400d726567696f6e4013726976657273696465400b7469746c65c00b40176465736372697074696f6ec00d400f6368616e6e656cc01f401565787465726e616c4964c021e0e020e80009218053b19f006a4fdf08810000000000000000e0411d7469636b65742e74726961676564c14d410f54726961676564c14fc14f41237472696167656420617420696e74616b65c101e020e8000d218053b19f006a4fdf08810000000000000000e041257469636b65742e6469737061746368696e67c18b41174469737061746368696e67c14fc14f410f74726961676564c101e020e800112180a6fab0006a4fdf08810000000000000000e0411d7469636b65742e6f666665726564c1a3410f4f666665726564c14fc14f41c96e656172657374207375697461626c653a20302e32206b6d2c204554412030206d696e2c2073636f726520302e313137202865746120302e3031352c20736b696c6c20302e3130302c206c6f616420302e3030302c20757267656e637920302e30303229390501074115656e67696e65657249644017652d757067726164652d3140136578706972657341744043323032362d31322d30315430353a31353a34302e363038373136392b30303a3030401563616e646964617465734056075b7b22656e67696e6565724964223a22652d757067726164652d31222c22726567696f6e223a22726976657273696465222c2264697374616e63654d6574657273223a3232322e33393031363034363731393334352c22657461223a2230303a30303a32362e36383638313932222c22657461436f7374223a302e3031343832363031303636363636363636372c2270726f66696369656e6379436f7374223a302e312c226c6f6164436f7374223a302c22757267656e6379436f7374223a302e303031383533323531333333333333333333342c22746f74616c223a302e3131363637393236327d2c7b22656e67696e6565724964223a22652d757067726164652d32222c22726567696f6e223a22726976657273696465222c2264697374616e63654d6574657273223a3434342e373830333230393334333836392c22657461223a2230303a30303a35332e33373336333835222c22657461436f7374223a302e30323936353230323133383838383838392c2270726f66696369656e6379436f7374223a302e312c226c6f6164436f7374223a302c22757267656e6379436f7374223a302e303033373036353032363733363131313131332c22746f74616c223a302e313333333538353234303632357d5de0e020e8001521806ddac7006a4fdf08810000000000000000e0411f7469636b65742e6163636570746564c1bb41114163636570746564c1c94111656e67696e656572c10139050103c1c7c031e0e0e021000721e8208053b19f006a4fdf08810000000000000000e0090301c101e020e82080a6fab0006a4fdf08810000000000000000e0090305c1c1e020e820806ddac7006a4fdf08810000000000000000e0090309c101e0e021e00115c101218053b19f006a4fdf08810000000000000000e0c101c16b2180535481126a4fdf08810000000000000000e021e0c101c101c101213001312cd42e1d537472696e67436f6d706172657200030101e0e0e0	3	2026-12-01 05:14:40.824755+00
967464586	-649411199	0	0	live-board-facts	riverside	dispatch	\\x2020e0616e4a0b000105010521e021000521e820806ddac7006a4fdf08810000000000000000e04115333131393a313231343781adbdf49b2e30c33fe020e820804351f6006a4fdf08810000000000000000e04115333131393a313231343781f9eefbdc75dbc83fe0e0e0	2	2026-12-01 05:14:41.301215+00
-990964579	1071537537	0	0	ticket	t-7e2c1c411b2efbe6fdb6	dispatch	\\x20000321e84013632d75706772616465412153616d706c653a207265736f6c766564413b5772697474656e2062792074686520757067726164652073616d706c65410d7265706169724105503321e880a69bc420b0323f4081d122dbf97e5e5e40e03101c3d96e3e4d526561644f6e6c794c697374496e74657266616365436f64656360315b5b737472696e675d5d00034115757067726164652d6678e04107617069412d742d3765326331633431316232656662653666646236c101e041117374616e6461726409031dc101c101090309c1014117652d757067726164652d32010181000000000000f03f41117374616e64617264c10121001121e800052180e81fd4006a4fdf08810000000000000000e0411d7469636b65742e63726561746564c10141074e6577410d73797374656dc14f410f766961206170693101db36ad737553797374656d2e436f6c6c656374696f6e732e47656e657269632e44696374696f6e61727960325b5b737472696e675d2c5b737472696e675d5d011341117072696f72697479c01140177365727669636554797065c00f4015637573746f6d65724964c0094013736c61506f6c696379c037400d726567696f6e4013726976657273696465400b7469746c65c00b40176465736372697074696f6ec00d400f6368616e6e656cc01f401565787465726e616c4964c021e0e020e800092180e81fd4006a4fdf08810000000000000000e0411d7469636b65742e74726961676564c14d410f54726961676564c14fc14f41237472696167656420617420696e74616b65c101e020e8000d2180e81fd4006a4fdf08810000000000000000e041257469636b65742e6469737061746368696e67c18b41174469737061746368696e67c14fc14f410f74726961676564c101e020e8001121806dafd8006a4fdf08810000000000000000e0411d7469636b65742e6f666665726564c1a3410f4f666665726564c14fc14f41c96e656172657374207375697461626c653a20302e34206b6d2c204554412031206d696e2c2073636f726520302e313333202865746120302e3033302c20736b696c6c20302e3130302c206c6f616420302e3030302c20757267656e637920302e30303429390501074115656e67696e65657249644017652d757067726164652d3240136578706972657341744043323032362d31322d30315430353a31353a34302e393135303038362b30303a3030401563616e6469646174657340b2035b7b22656e67696e6565724964223a22652d757067726164652d32222c22726567696f6e223a22726976657273696465222c2264697374616e63654d6574657273223a3434342e373830333230393334333836392c22657461223a2230303a30303a35332e33373336333835222c22657461436f7374223a302e30323936353230323133383838383838392c2270726f66696369656e6379436f7374223a302e312c226c6f6164436f7374223a302c22757267656e6379436f7374223a302e303033373036353032363733363131313131332c22746f74616c223a302e313333333538353234303632357d5de0e020e8001521804351f6006a4fdf08810000000000000000e0411f7469636b65742e6163636570746564c1bb41114163636570746564c1c94111656e67696e656572c10139050103c1c7c031e0e020e800192180c303f9006a4fdf08810000000000000000e0411f7469636b65742e656e2d726f757465c1e1410f456e526f7574654117652d757067726164652d32c1e5c101c101e020e8001d21805a50fe006a4fdf08810000000000000000e0411d7469636b65742e6f6e2d73697465c1ff410d4f6e53697465c10202c1e5c101c101e020e800212180b38004016a4fdf08810000000000000000e0411f7469636b65742e7265736f6c766564c12e0241115265736f6c766564c10202c1e541517265706c61636564207468652066616e2028706172747320757365643a2066616e2d6d6f746f72293905010341197265706f72742e7061727473401366616e2d6d6f746f72e0e0e021000b21e82080e81fd4006a4fdf08810000000000000000e0090301c101e020e820806dafd8006a4fdf08810000000000000000e0090305c1c1e020e820804351f6006a4fdf08810000000000000000e0090309c101e020e820805a50fe006a4fdf08810000000000000000e0090315c101e020e82080b38004016a4fdf08810000000000000000e0090319c16a02e0e021e00121c1012180e81fd4006a4fdf08810000000000000000e02180b38004016a4fdf08810000000000000000e0c16b2180e8c2b5126a4fdf08810000000000000000e021e0c101c101c101213001312cd42e1d537472696e67436f6d706172657200030101e0e0e0	6	2026-12-01 05:14:41.218105+00
967464586	-1827259793	0	0	live-board-markers	riverside	dispatch	\\x20200105412d742d386465386165303930346239313765653262666420e8c00941174469737061746368696e674105503381a69bc420b0323f4081d122dbf97e5e5e40410f72756e6e696e672180a253fa868b4fdf08810000000000000000e00101c1014113726976657273696465411f53616d706c653a2077616974696e674113632d75706772616465410d7265706169722180a2b3e8ff694fdf08810000000000000000e001038100000000000000002180a2b3e8ff694fdf08810000000000000000e04111726573706f6e7365e0402d742d346636663637376238316437333765613436643420e8402d742d346636663637376238316437333765613436643441114163636570746564c11181a69bc420b0323f4081d122dbf97e5e5e40c117218053b98f5aac51df08810000000000000000e001014117652d757067726164652d31c123412153616d706c653a206163636570746564c127c129218053b19f006a4fdf08810000000000000000e0010381000000000000000021806ddac7006a4fdf08810000000000000000e0410f6172726976616ce0e02101054117652d757067726164652d3120e84017652d757067726164652d314115456e67696e65657220314113417661696c61626c65813333333333333f4081d122dbf97e5e5e402180fefdb4ff694fdf08810000000000000000e0c1230105e04017652d757067726164652d3220e84017652d757067726164652d324115456e67696e6565722032c17d81c1caa145b6333f4081d122dbf97e5e5e40218041beddff694fdf08810000000000000000e0c1230101e0e0e0	1	2026-12-01 05:14:41.829272+00
\.


--
-- Data for Name: orleans_reminder; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleans_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version) FROM stdin;
dispatch	ticket/t-8de8ae0904b917ee2bfd	sla	2026-12-01 05:15:09.948566+00	60000	-1513991620	1
dispatch	ticket/t-4f6f677b81d737ea46d4	sla	2026-12-01 05:15:10.559731+00	60000	-228721811	1
dispatch	ticket/t-7e2c1c411b2efbe6fdb6	sla	2026-12-01 05:15:10.894237+00	60000	1110664172	1
\.


--
-- Data for Name: orleansquery; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansquery (querykey, querytext) FROM stdin;
InsertMembershipVersionKey	\nWITH created AS (\n    INSERT INTO orleans_cluster_version (deployment_id)\n    VALUES (@DeploymentId)\n    ON CONFLICT (deployment_id) DO NOTHING\n    RETURNING 1\n)\nSELECT count(*)::integer AS "Created" FROM created;\n
InsertMembershipKey	\nSELECT orleans_member_insert(\n    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,\n    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Applied";\n
UpdateMembershipKey	\nSELECT orleans_member_update(\n    @DeploymentId, @Address, @Port, @Generation,\n    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Applied";\n
UpdateIAmAlivetimeKey	\nUPDATE orleans_cluster_member\n   SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)\n WHERE deployment_id = @DeploymentId\n   AND address = @Address\n   AND port = @Port\n   AND generation = @Generation;\n
MembershipReadRowKey	\nSELECT m.address         AS "Address",\n       m.port            AS "Port",\n       m.generation      AS "Generation",\n       m.silo_name       AS "SiloName",\n       m.host_name       AS "HostName",\n       m.status          AS "Status",\n       m.proxy_port      AS "ProxyPort",\n       m.suspect_times   AS "SuspectTimes",\n       m.start_time      AS "StartTime",\n       m.i_am_alive_time AS "IAmAliveTime",\n       v.version         AS "Version"\n  FROM orleans_cluster_version v\n  LEFT JOIN orleans_cluster_member m\n         ON m.deployment_id = v.deployment_id\n        AND m.address = @Address\n        AND m.port = @Port\n        AND m.generation = @Generation\n WHERE v.deployment_id = @DeploymentId;\n
MembershipReadAllKey	\nSELECT m.address         AS "Address",\n       m.port            AS "Port",\n       m.generation      AS "Generation",\n       m.silo_name       AS "SiloName",\n       m.host_name       AS "HostName",\n       m.status          AS "Status",\n       m.proxy_port      AS "ProxyPort",\n       m.suspect_times   AS "SuspectTimes",\n       m.start_time      AS "StartTime",\n       m.i_am_alive_time AS "IAmAliveTime",\n       v.version         AS "Version"\n  FROM orleans_cluster_version v\n  LEFT JOIN orleans_cluster_member m\n         ON m.deployment_id = v.deployment_id\n WHERE v.deployment_id = @DeploymentId;\n
GatewaysQueryKey	\nSELECT address    AS "Address",\n       proxy_port AS "ProxyPort",\n       generation AS "Generation"\n  FROM orleans_cluster_member\n WHERE deployment_id = @DeploymentId\n   AND status = @Status\n   AND proxy_port > 0;\n
DeleteMembershipTableEntriesKey	\nDELETE FROM orleans_cluster_version\n WHERE deployment_id = @DeploymentId;\n
CleanupDefunctSiloEntriesKey	\nDELETE FROM orleans_cluster_member\n WHERE deployment_id = @DeploymentId\n   AND status = 6\n   AND i_am_alive_time < @IAmAliveTime\n   AND start_time < @IAmAliveTime\n   AND coalesce(suspect_times, '') = '';\n
CleanupDefunctSiloEntryKey	\nDELETE FROM orleans_cluster_member\n WHERE deployment_id = @DeploymentId\n   AND address = @Address\n   AND port = @Port\n   AND generation = @Generation\n   AND status = 6\n   AND start_time = @StartTime\n   AND i_am_alive_time = @IAmAliveTime\n   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');\n
ReadFromStorageKey	\nSELECT payload AS "PayloadBinary",\n       version AS "Version"\n  FROM orleans_grain_state\n WHERE grain_id_hash = @GrainIdHash\n   AND grain_type_hash = @GrainTypeHash\n   AND grain_id_n0 = @GrainIdN0\n   AND grain_id_n1 = @GrainIdN1\n   AND grain_type = @GrainTypeString\n   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString\n   AND service_id = @ServiceId;\n
WriteToStorageKey	\nSELECT orleans_grain_state_write(\n    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,\n    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";\n
ClearStorageKey	\nWITH cleared AS (\n    UPDATE orleans_grain_state\n       SET payload = NULL,\n           version = version + 1,\n           modified_at = now()\n     WHERE grain_id_hash = @GrainIdHash\n       AND grain_type_hash = @GrainTypeHash\n       AND grain_id_n0 = @GrainIdN0\n       AND grain_id_n1 = @GrainIdN1\n       AND grain_type = @GrainTypeString\n       AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString\n       AND service_id = @ServiceId\n       AND version = @GrainStateVersion\n    RETURNING version\n)\nSELECT (SELECT version FROM cleared) AS "NewGrainStateVersion";\n
DeleteStorageKey	\nWITH removed AS (\n    DELETE FROM orleans_grain_state\n     WHERE grain_id_hash = @GrainIdHash\n       AND grain_type_hash = @GrainTypeHash\n       AND grain_id_n0 = @GrainIdN0\n       AND grain_id_n1 = @GrainIdN1\n       AND grain_type = @GrainTypeString\n       AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString\n       AND service_id = @ServiceId\n       AND version = @GrainStateVersion\n    RETURNING version\n)\nSELECT (SELECT version + 1 FROM removed) AS "NewGrainStateVersion";\n
ReadReminderRowsKey	\nSELECT grain_id      AS "GrainId",\n       reminder_name AS "ReminderName",\n       start_time    AS "StartTime",\n       period_ms     AS "Period",\n       version       AS "Version"\n  FROM orleans_reminder\n WHERE service_id = @ServiceId\n   AND grain_id = @GrainId;\n
ReadReminderRowKey	\nSELECT grain_id      AS "GrainId",\n       reminder_name AS "ReminderName",\n       start_time    AS "StartTime",\n       period_ms     AS "Period",\n       version       AS "Version"\n  FROM orleans_reminder\n WHERE service_id = @ServiceId\n   AND grain_id = @GrainId\n   AND reminder_name = @ReminderName;\n
ReadRangeRows1Key	\nSELECT grain_id      AS "GrainId",\n       reminder_name AS "ReminderName",\n       start_time    AS "StartTime",\n       period_ms     AS "Period",\n       version       AS "Version"\n  FROM orleans_reminder\n WHERE service_id = @ServiceId\n   AND grain_hash > @BeginHash\n   AND grain_hash <= @EndHash;\n
ReadRangeRows2Key	\nSELECT grain_id      AS "GrainId",\n       reminder_name AS "ReminderName",\n       start_time    AS "StartTime",\n       period_ms     AS "Period",\n       version       AS "Version"\n  FROM orleans_reminder\n WHERE service_id = @ServiceId\n   AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);\n
UpsertReminderRowKey	\nINSERT INTO orleans_reminder AS r\n    (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)\nVALUES\n    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)\nON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE\n    SET start_time = EXCLUDED.start_time,\n        period_ms  = EXCLUDED.period_ms,\n        grain_hash = EXCLUDED.grain_hash,\n        version    = r.version + 1\nRETURNING r.version AS "Version";\n
DeleteReminderRowKey	\nWITH removed AS (\n    DELETE FROM orleans_reminder\n     WHERE service_id = @ServiceId\n       AND grain_id = @GrainId\n       AND reminder_name = @ReminderName\n       AND version = @Version\n    RETURNING 1\n)\nSELECT EXISTS (SELECT 1 FROM removed) AS "Deleted";\n
DeleteReminderRowsKey	\nDELETE FROM orleans_reminder\n WHERE service_id = @ServiceId;\n
\.


--
-- Data for Name: rm_customers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_customers (customer_id, name, tier, phone, email, surveys, csat_sum, last_health_score, health_low_at, registered_at, updated_at, last_sequence) FROM stdin;
c-upgrade	Upgrade Sample Ltd	standard	\N	\N	0	0	\N	\N	2026-12-01 05:14:38.169344+00	2026-12-01 05:14:38.169344+00	1
\.


--
-- Data for Name: rm_engineers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_engineers (engineer_id, name, phone, skills, skill_levels, capacity, shift_calendar, presence, status, on_shift, region, offer_ticket_id, jobs, job_count, last_seen, last_lat, last_lon, position_flagged, registered_at, updated_at, last_sequence) FROM stdin;
e-upgrade-1	Engineer 1	\N	{upgrade-fx}	{"upgrade-fx": 80}	1	\N	Available	Available	t	riverside	\N	{t-4f6f677b81d737ea46d4}	1	2026-12-01 05:14:39.011174+00	31.2	121.4765	f	2026-12-01 05:14:38.899213+00	2026-12-01 05:14:40.849684+00	6
e-upgrade-2	Engineer 2	\N	{upgrade-fx}	{"upgrade-fx": 80}	1	\N	Available	Available	t	riverside	\N	{}	0	2026-12-01 05:14:39.27824+00	31.202	121.4765	f	2026-12-01 05:14:39.241332+00	2026-12-01 05:14:41.227206+00	9
\.


--
-- Data for Name: rm_ticket_day_facets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_ticket_day_facets (day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id, kind, name, tickets, seconds) FROM stdin;
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	New	1	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	New	4	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	Triaged	1	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	OnSite	1	0.040559
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	EnRoute	1	0.034729
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	Accepted	1	0.017677
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	Dispatching	3	0.191505
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	OnSite	1	0.040559
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	Triaged	4	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	Accepted	1	0.017677
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	Offered	1	0.194197
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	EnRoute	1	0.034729
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	stage	Dispatching	1	0.029889
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		stage	Offered	2	0.344105
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-1	stage	Dispatching	1	0.113288
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-1	stage	Triaged	1	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-1	stage	Offered	1	0.149908
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-1	stage	New	1	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard		stage	New	2	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard		stage	Dispatching	1	0.048328
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard		stage	Triaged	2	0
\.


--
-- Data for Name: rm_ticket_days; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_ticket_days (day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id, created, resolved, cancelled, responded, respond_seconds, arrived, arrive_seconds, resolve_seconds, resolve_net_seconds, first_time_fixes, breached, kept, surveys, csat_sum, nps_answers, promoters, detractors, ces_answers, ces_sum) FROM stdin;
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-1	1	0	0	1	0.263196	0	0	0	0	0	0	1	0	0	0	0	0	0	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard		2	0	1	0	0	0	0	0	0	0	0	2	0	0	0	0	0	0	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	t	riverside	P3	repair	standard	e-upgrade-2	1	1	0	1	0.224086	1	0.276492	0.317051	0.317051	1	0	1	0	0	0	0	0	0	0
2026-11-30 16:00:00+00	2026-12-01 16:00:00+00	f	riverside	P3	repair	standard		4	1	1	2	0.487282	1	0.276492	0.317051	0.317051	1	0	4	0	0	0	0	0	0	0
\.


--
-- Data for Name: rm_ticket_stages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_ticket_stages (ticket_id, stage, seconds, entries) FROM stdin;
t-8de8ae0904b917ee2bfd	New	0	1
t-8de8ae0904b917ee2bfd	Triaged	0	1
t-5c552131235f1d0f2aef	New	0	1
t-5c552131235f1d0f2aef	Triaged	0	1
t-5c552131235f1d0f2aef	Dispatching	0.048328	1
t-4f6f677b81d737ea46d4	New	0	1
t-4f6f677b81d737ea46d4	Triaged	0	1
t-4f6f677b81d737ea46d4	Dispatching	0.113288	1
t-4f6f677b81d737ea46d4	Offered	0.149908	1
t-7e2c1c411b2efbe6fdb6	New	0	1
t-7e2c1c411b2efbe6fdb6	Triaged	0	1
t-7e2c1c411b2efbe6fdb6	Dispatching	0.029889	1
t-7e2c1c411b2efbe6fdb6	Offered	0.194197	1
t-7e2c1c411b2efbe6fdb6	Accepted	0.017677	1
t-7e2c1c411b2efbe6fdb6	EnRoute	0.034729	1
t-7e2c1c411b2efbe6fdb6	OnSite	0.040559	1
\.


--
-- Data for Name: rm_ticket_text; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_ticket_text (ticket_id, text) FROM stdin;
t-8de8ae0904b917ee2bfd	Sample: waiting Written by the upgrade sample t-8de8ae0904b917ee2bfd
t-5c552131235f1d0f2aef	Sample: cancelled Written by the upgrade sample t-5c552131235f1d0f2aef
t-4f6f677b81d737ea46d4	Sample: accepted Written by the upgrade sample t-4f6f677b81d737ea46d4
t-7e2c1c411b2efbe6fdb6	Sample: resolved Written by the upgrade sample t-7e2c1c411b2efbe6fdb6
\.


--
-- Data for Name: rm_tickets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rm_tickets (ticket_id, customer_id, title, description, external_id, channel, opened_by, priority, region, service_type, sla_policy, status, status_since, engineer_id, engineers, sla_state, breached_clocks, escalation_level, created_at, accepted_at, en_route_at, on_site_at, resolved_at, closed_at, cancelled_at, visits, reopens, csat, nps, updated_at, last_sequence, ces, waiting_seconds) FROM stdin;
t-8de8ae0904b917ee2bfd	c-upgrade	Sample: waiting	Written by the upgrade sample	t-8de8ae0904b917ee2bfd	api	\N	P3	riverside	repair	standard	Dispatching	2026-12-01 05:14:39.350057+00	\N	{}	ok	{}	0	2026-12-01 05:14:39.350057+00	\N	\N	\N	\N	\N	\N	0	0	\N	\N	2026-12-01 05:14:39.350057+00	3	\N	0
t-5c552131235f1d0f2aef	c-upgrade	Sample: cancelled	Written by the upgrade sample	t-5c552131235f1d0f2aef	api	\N	P3	riverside	repair	standard	Cancelled	2026-12-01 05:14:40.341668+00	\N	{}	ok	{}	0	2026-12-01 05:14:40.29334+00	\N	\N	\N	\N	\N	2026-12-01 05:14:40.341668+00	0	0	\N	\N	2026-12-01 05:14:40.341668+00	4	\N	0
t-4f6f677b81d737ea46d4	c-upgrade	Sample: accepted	Written by the upgrade sample	t-4f6f677b81d737ea46d4	api	\N	P3	riverside	repair	standard	Accepted	2026-12-01 05:14:40.812503+00	e-upgrade-1	{e-upgrade-1}	ok	{}	0	2026-12-01 05:14:40.549307+00	2026-12-01 05:14:40.812503+00	\N	\N	\N	\N	\N	0	0	\N	\N	2026-12-01 05:14:40.812503+00	5	\N	0
t-7e2c1c411b2efbe6fdb6	c-upgrade	Sample: resolved	Written by the upgrade sample	t-7e2c1c411b2efbe6fdb6	api	\N	P3	riverside	repair	standard	Resolved	2026-12-01 05:14:41.209976+00	e-upgrade-2	{e-upgrade-2}	ok	{}	0	2026-12-01 05:14:40.892925+00	2026-12-01 05:14:41.117011+00	2026-12-01 05:14:41.134688+00	2026-12-01 05:14:41.169417+00	2026-12-01 05:14:41.209976+00	\N	\N	1	0	\N	\N	2026-12-01 05:14:41.209976+00	8	\N	0
\.


--
-- Data for Name: webhook_attempts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_attempts (message, attempt, at, status_code, latency_ms, error) FROM stdin;
\.


--
-- Data for Name: webhook_messages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_messages (id, subscription, ordering_key, event_type, payload, event_at, routed_at, state, attempts, next_attempt_at, first_attempt_at, finished_at, last_status, last_error) FROM stdin;
\.


--
-- Data for Name: webhook_subscriptions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_subscriptions (number, id, url, event_types, region, customer_id, description, secret, previous_secret, previous_secret_expires_at, paused, created_at) FROM stdin;
\.


--
-- Data for Name: webhook_tickets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_tickets (ticket_id, region, customer_id) FROM stdin;
t-8de8ae0904b917ee2bfd	riverside	c-upgrade
t-5c552131235f1d0f2aef	riverside	c-upgrade
t-4f6f677b81d737ea46d4	riverside	c-upgrade
t-7e2c1c411b2efbe6fdb6	riverside	c-upgrade
\.


--
-- Name: dispatch_events_position; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.dispatch_events_position', 41, true);


--
-- Name: webhook_messages_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.webhook_messages_id_seq', 1, false);


--
-- Name: webhook_subscriptions_number_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.webhook_subscriptions_number_seq', 1, false);


--
-- Name: customer_mail_outbox customer_mail_outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_mail_outbox
    ADD CONSTRAINT customer_mail_outbox_pkey PRIMARY KEY (stream, sequence);


--
-- Name: dispatch_api_keys dispatch_api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_api_keys
    ADD CONSTRAINT dispatch_api_keys_pkey PRIMARY KEY (id);


--
-- Name: dispatch_event_quarantine dispatch_event_quarantine_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_event_quarantine
    ADD CONSTRAINT dispatch_event_quarantine_pkey PRIMARY KEY (stream, sequence);


--
-- Name: dispatch_events dispatch_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_events
    ADD CONSTRAINT dispatch_events_pkey PRIMARY KEY (stream, sequence);


--
-- Name: dispatch_field_photos dispatch_field_photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_field_photos
    ADD CONSTRAINT dispatch_field_photos_pkey PRIMARY KEY (id);


--
-- Name: dispatch_projection_checkpoints dispatch_projection_checkpoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_projection_checkpoints
    ADD CONSTRAINT dispatch_projection_checkpoints_pkey PRIMARY KEY (projection);


--
-- Name: dispatch_refresh_tokens dispatch_refresh_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_refresh_tokens
    ADD CONSTRAINT dispatch_refresh_tokens_pkey PRIMARY KEY (token_hash);


--
-- Name: dispatch_schema_migrations dispatch_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_schema_migrations
    ADD CONSTRAINT dispatch_schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: dispatch_users dispatch_users_normalized_user_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_users
    ADD CONSTRAINT dispatch_users_normalized_user_name_key UNIQUE (normalized_user_name);


--
-- Name: dispatch_users dispatch_users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_users
    ADD CONSTRAINT dispatch_users_pkey PRIMARY KEY (user_name);


--
-- Name: engineer_push_subscriptions engineer_push_subscriptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engineer_push_subscriptions
    ADD CONSTRAINT engineer_push_subscriptions_pkey PRIMARY KEY (endpoint);


--
-- Name: orleans_cluster_member orleans_cluster_member_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_cluster_member
    ADD CONSTRAINT orleans_cluster_member_pkey PRIMARY KEY (deployment_id, address, port, generation);


--
-- Name: orleans_cluster_version orleans_cluster_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_cluster_version
    ADD CONSTRAINT orleans_cluster_version_pkey PRIMARY KEY (deployment_id);


--
-- Name: orleans_reminder orleans_reminder_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_reminder
    ADD CONSTRAINT orleans_reminder_pkey PRIMARY KEY (service_id, grain_id, reminder_name);


--
-- Name: orleansquery orleansquery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansquery
    ADD CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey);


--
-- Name: rm_customers rm_customers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_customers
    ADD CONSTRAINT rm_customers_pkey PRIMARY KEY (customer_id);


--
-- Name: rm_engineers rm_engineers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_engineers
    ADD CONSTRAINT rm_engineers_pkey PRIMARY KEY (engineer_id);


--
-- Name: rm_ticket_day_facets rm_ticket_day_facets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_ticket_day_facets
    ADD CONSTRAINT rm_ticket_day_facets_pkey PRIMARY KEY (by_engineer, day_start, region, priority, service_type, tier, engineer_id, kind, name);


--
-- Name: rm_ticket_days rm_ticket_days_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_ticket_days
    ADD CONSTRAINT rm_ticket_days_pkey PRIMARY KEY (by_engineer, day_start, region, priority, service_type, tier, engineer_id);


--
-- Name: rm_ticket_stages rm_ticket_stages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_ticket_stages
    ADD CONSTRAINT rm_ticket_stages_pkey PRIMARY KEY (ticket_id, stage);


--
-- Name: rm_ticket_text rm_ticket_text_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_ticket_text
    ADD CONSTRAINT rm_ticket_text_pkey PRIMARY KEY (ticket_id);


--
-- Name: rm_tickets rm_tickets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rm_tickets
    ADD CONSTRAINT rm_tickets_pkey PRIMARY KEY (ticket_id);


--
-- Name: webhook_attempts webhook_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_pkey PRIMARY KEY (message, attempt);


--
-- Name: webhook_messages webhook_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_messages
    ADD CONSTRAINT webhook_messages_pkey PRIMARY KEY (id);


--
-- Name: webhook_subscriptions webhook_subscriptions_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_id_key UNIQUE (id);


--
-- Name: webhook_subscriptions webhook_subscriptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (number);


--
-- Name: webhook_tickets webhook_tickets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_tickets
    ADD CONSTRAINT webhook_tickets_pkey PRIMARY KEY (ticket_id);


--
-- Name: customer_mail_outbox_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_mail_outbox_due ON public.customer_mail_outbox USING btree (next_attempt_at, event_at, stream, sequence) WHERE (state = 'pending'::text);


--
-- Name: dispatch_events_actor_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_events_actor_at ON public.dispatch_events USING btree (actor_name, at);


--
-- Name: dispatch_events_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_events_at ON public.dispatch_events USING btree (at);


--
-- Name: dispatch_events_commit_order; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX dispatch_events_commit_order ON public.dispatch_events USING btree (tx, "position");


--
-- Name: dispatch_events_position_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX dispatch_events_position_key ON public.dispatch_events USING btree ("position");


--
-- Name: dispatch_events_type_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_events_type_at ON public.dispatch_events USING btree (type, at);


--
-- Name: dispatch_field_photos_ticket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_field_photos_ticket ON public.dispatch_field_photos USING btree (ticket_id, stored_at);


--
-- Name: dispatch_refresh_tokens_family; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_refresh_tokens_family ON public.dispatch_refresh_tokens USING btree (family);


--
-- Name: dispatch_refresh_tokens_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_refresh_tokens_user ON public.dispatch_refresh_tokens USING btree (user_name);


--
-- Name: engineer_push_subscriptions_engineer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX engineer_push_subscriptions_engineer ON public.engineer_push_subscriptions USING btree (engineer_id);


--
-- Name: orleans_grain_state_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX orleans_grain_state_key ON public.orleans_grain_state USING btree (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, md5(grain_type), md5(service_id), ((grain_id_ext IS NULL)), md5(COALESCE(grain_id_ext, ''::text)));


--
-- Name: orleans_reminder_overdue; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orleans_reminder_overdue ON public.orleans_reminder USING btree (service_id, reminder_name, start_time);


--
-- Name: orleans_reminder_ring; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orleans_reminder_ring ON public.orleans_reminder USING btree (service_id, grain_hash);


--
-- Name: rm_customers_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_customers_name ON public.rm_customers USING gin (name public.gin_trgm_ops);


--
-- Name: rm_engineers_last_seen; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_engineers_last_seen ON public.rm_engineers USING btree (last_seen DESC, engineer_id DESC);


--
-- Name: rm_engineers_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_engineers_name ON public.rm_engineers USING btree (name, engineer_id);


--
-- Name: rm_engineers_region; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_engineers_region ON public.rm_engineers USING btree (region, name);


--
-- Name: rm_engineers_skills; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_engineers_skills ON public.rm_engineers USING gin (skills);


--
-- Name: rm_ticket_text_trigrams; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_ticket_text_trigrams ON public.rm_ticket_text USING gin (text public.gin_trgm_ops);


--
-- Name: rm_tickets_breached_clocks; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_breached_clocks ON public.rm_tickets USING gin (breached_clocks);


--
-- Name: rm_tickets_breached_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_breached_created ON public.rm_tickets USING btree (created_at DESC, ticket_id DESC) WHERE (sla_state = 'breached'::text);


--
-- Name: rm_tickets_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_created ON public.rm_tickets USING btree (created_at DESC, ticket_id DESC);


--
-- Name: rm_tickets_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_customer ON public.rm_tickets USING btree (customer_id, created_at DESC);


--
-- Name: rm_tickets_engineers; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_engineers ON public.rm_tickets USING gin (engineers);


--
-- Name: rm_tickets_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_open ON public.rm_tickets USING btree (status, created_at) WHERE (status <> ALL (ARRAY['Resolved'::text, 'Closed'::text, 'Cancelled'::text]));


--
-- Name: rm_tickets_region; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_region ON public.rm_tickets USING btree (region, created_at DESC);


--
-- Name: rm_tickets_resolved; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_resolved ON public.rm_tickets USING btree (resolved_at);


--
-- Name: rm_tickets_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_status ON public.rm_tickets USING btree (status, created_at DESC);


--
-- Name: rm_tickets_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rm_tickets_updated ON public.rm_tickets USING btree (updated_at DESC, ticket_id DESC);


--
-- Name: webhook_messages_dead; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_messages_dead ON public.webhook_messages USING btree (subscription, id) WHERE (state = 'dead'::text);


--
-- Name: webhook_messages_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_messages_pending ON public.webhook_messages USING btree (subscription, ordering_key, id) WHERE (state = 'pending'::text);


--
-- Name: dispatch_refresh_tokens dispatch_refresh_tokens_user_name_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_refresh_tokens
    ADD CONSTRAINT dispatch_refresh_tokens_user_name_fkey FOREIGN KEY (user_name) REFERENCES public.dispatch_users(user_name) ON DELETE CASCADE;


--
-- Name: orleans_cluster_member orleans_cluster_member_deployment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_cluster_member
    ADD CONSTRAINT orleans_cluster_member_deployment_id_fkey FOREIGN KEY (deployment_id) REFERENCES public.orleans_cluster_version(deployment_id) ON DELETE CASCADE;


--
-- Name: webhook_attempts webhook_attempts_message_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_message_fkey FOREIGN KEY (message) REFERENCES public.webhook_messages(id) ON DELETE CASCADE;


--
-- Name: webhook_messages webhook_messages_subscription_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_messages
    ADD CONSTRAINT webhook_messages_subscription_fkey FOREIGN KEY (subscription) REFERENCES public.webhook_subscriptions(number) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict 8uBMru5rhofrGvp4cDOpcnjnK34VpaAv9Fu8rYcWJJnBoHfSyiLpDT0plPYV9P6

