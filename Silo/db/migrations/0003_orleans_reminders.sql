-- 0003_orleans_reminders.sql
--
-- Reminder table for Microsoft.Orleans.Reminders.AdoNet 10.4.x on PostgreSQL.
-- Requires 0001 (creates OrleansQuery).
--
-- Idempotent; no BEGIN/COMMIT inside: the caller owns the transaction (see 0001).
--
-- Contract notes (Orleans 10.4.2, AdoNetReminderTable):
--  * Parameters: @ServiceId, @GrainId (GrainId.ToString(), e.g. "mygrain/42"), @ReminderName,
--    @StartTime (UTC), @Period (milliseconds; int, or bigint when it exceeds int), @GrainHash
--    (the grain's uniform hash as a SIGNED int), @BeginHash/@EndHash (signed ints), @Version.
--  * Rows are read via columns GrainId, ReminderName, StartTime, Period (ms), Version (ETag).
--  * Upsert returns one row with column Version (the new ETag). Delete returns one row with one
--    boolean column: true if the row with that name AND version was removed.
--  * Ring ranges are (BeginHash, EndHash]. Orleans picks ReadRangeRows1Key when
--    (int)begin < (int)end, else ReadRangeRows2Key (the range wraps; begin = end means all).

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_ring
    ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', $q$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
   AND reminder_name = @ReminderName;
$q$),

-- Non-wrapping slice of the ring: BeginHash < hash <= EndHash.
('ReadRangeRows1Key', $q$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_hash > @BeginHash
   AND grain_hash <= @EndHash;
$q$),

-- Wrapping slice: hash > BeginHash, or hash <= EndHash.
('ReadRangeRows2Key', $q$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder AS r
    (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = EXCLUDED.start_time,
        period_ms  = EXCLUDED.period_ms,
        grain_hash = EXCLUDED.grain_hash,
        version    = r.version + 1
RETURNING r.version AS "Version";
$q$),

('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleans_reminder
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted";
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder
 WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
