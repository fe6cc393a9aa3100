-- 0007_overdue_reminders.sql
--
-- The overdue-checkpoint sweep (Silo/Reminders/OverdueCheckpointSweep.cs) asks every few seconds, on each silo,
-- for the reminders whose start lies in the past. Ordered by start time, that is an index range scan that reads
-- only the overdue rows (normally none) instead of every open ticket's reminder.
--
-- Idempotent; no BEGIN/COMMIT inside: the caller owns the transaction (see 0001).

CREATE INDEX IF NOT EXISTS orleans_reminder_overdue
    ON orleans_reminder (service_id, reminder_name, start_time);
