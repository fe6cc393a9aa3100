-- 0011_customer_mail_web_push.sql
--
-- E-mails to the customer at a ticket's milestones (offered, accepted, en route, resolved). The router follows the
-- event log with the read side's high-water mark (its own checkpoint row, 'customer-mail') and writes one row per
-- milestone event in the transaction that moves its checkpoint; the event's id (stream, sequence) is the key, so an
-- event routed again never makes a second e-mail. A sender then sends each row at least once.

CREATE TABLE customer_mail_outbox
(
    stream          text        NOT NULL,
    sequence        bigint      NOT NULL,
    ticket_id       text        NOT NULL,
    event_type      text        NOT NULL,
    event_at        timestamptz NOT NULL,
    -- The event's data as logged: the resolution's service report is read from it.
    data            jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    sent_to         text,
    last_error      text,
    PRIMARY KEY (stream, sequence)
);
CREATE INDEX customer_mail_outbox_pending ON customer_mail_outbox (next_attempt_at) WHERE state = 'pending';

-- The router starts at the end of the log: customers hear about what happens after this feature exists.
INSERT INTO dispatch_projection_checkpoints (projection, last_tx, last_position)
SELECT 'customer-mail', coalesce(l.tx, '0'), coalesce(l.position, 0)
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT tx, position FROM dispatch_events ORDER BY tx DESC, position DESC LIMIT 1) AS l ON true;

-- Web Push: each engineer's phones (a browser's push subscription: its push service endpoint and keys). A new offer
-- is pushed to every one of them; the push service's 404 or 410 says a subscription is gone, and it is removed.
CREATE TABLE engineer_push_subscriptions
(
    endpoint    text        PRIMARY KEY,
    engineer_id text        NOT NULL,
    p256dh      text        NOT NULL,
    auth        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engineer_push_subscriptions_engineer ON engineer_push_subscriptions (engineer_id);
