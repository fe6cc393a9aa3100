-- 0004_dispatch_events.sql
--
-- The durable event log: every domain event of every ticket and customer, in order per stream.
-- It is the audit trail (who did what, when, why) and the source for KPIs and reports.
-- (stream, sequence) is the identity of an event: grains re-append what they are not sure was stored,
-- and ON CONFLICT DO NOTHING keeps exactly one copy.

CREATE TABLE IF NOT EXISTS dispatch_events
(
    stream      text        NOT NULL,
    sequence    bigint      NOT NULL,
    type        text        NOT NULL,
    at          timestamptz NOT NULL,
    actor_name  text        NOT NULL,
    actor_role  text        NOT NULL,
    data        jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, sequence)
);

-- Reports read by time window and by kind ("SLA breaches today", "mean time to accept in the last hour").
CREATE INDEX IF NOT EXISTS dispatch_events_at ON dispatch_events (at);
CREATE INDEX IF NOT EXISTS dispatch_events_type_at ON dispatch_events (type, at);
