-- 0019_customer_mail_due_order.sql
--
-- The sender takes the rows longest due, oldest event first. Its index held only next_attempt_at, so every batch
-- sorted all pending rows, reading their event data too: 32 ms a batch with 5,000 pending at 50 tickets/s, more
-- as the outbox grew. In the sender's own order the index answers a batch from its first entries.
DROP INDEX customer_mail_outbox_pending;
CREATE INDEX customer_mail_outbox_due ON customer_mail_outbox (next_attempt_at, event_at, stream, sequence) WHERE state = 'pending';
