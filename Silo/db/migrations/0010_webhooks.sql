-- 0010_webhooks.sql
--
-- Webhooks: subscriptions, the outbox of messages routed to them from dispatch_events, and every delivery attempt.
-- The router follows the log with the read side's high-water mark (its own checkpoint row, 'webhooks') and writes a
-- batch's messages in the transaction that moves its checkpoint: every event is routed exactly once. Each
-- subscription's messages are then delivered at least once, in order per ticket, by one silo at a time.

CREATE TABLE webhook_subscriptions
(
    number                     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                         text        NOT NULL UNIQUE,
    url                        text        NOT NULL,
    event_types                text[]      NOT NULL,
    region                     text,
    customer_id                text,
    description                text,
    secret                     text        NOT NULL,
    -- During a rotation the old secret signs too, until it expires.
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    paused                     boolean     NOT NULL DEFAULT false,
    created_at                 timestamptz NOT NULL DEFAULT now()
);

-- What the filters match a ticket's events on, learnt from its ticket.created event.
CREATE TABLE webhook_tickets
(
    ticket_id   text PRIMARY KEY,
    region      text,
    customer_id text
);

CREATE TABLE webhook_messages
(
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription     bigint      NOT NULL REFERENCES webhook_subscriptions (number) ON DELETE CASCADE,
    -- Messages with the same key (the event's stream: one ticket, one customer) are delivered one after another.
    ordering_key     text        NOT NULL,
    event_type       text        NOT NULL,
    payload          text        NOT NULL,
    event_at         timestamptz NOT NULL,
    routed_at        timestamptz NOT NULL,
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    first_attempt_at timestamptz,
    finished_at      timestamptz,
    last_status      integer,
    last_error       text
);
CREATE INDEX webhook_messages_pending ON webhook_messages (subscription, ordering_key, id) WHERE state = 'pending';
CREATE INDEX webhook_messages_dead ON webhook_messages (subscription, id) WHERE state = 'dead';

CREATE TABLE webhook_attempts
(
    message     bigint           NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
    attempt     integer          NOT NULL,
    at          timestamptz      NOT NULL,
    status_code integer,
    latency_ms  double precision NOT NULL,
    error       text,
    PRIMARY KEY (message, attempt)
);

-- The router starts at the end of the log: subscriptions hear what happens after webhooks exist, not the history.
INSERT INTO dispatch_projection_checkpoints (projection, last_tx, last_position)
SELECT 'webhooks', coalesce(l.tx, '0'), coalesce(l.position, 0)
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT tx, position FROM dispatch_events ORDER BY tx DESC, position DESC LIMIT 1) AS l ON true;
