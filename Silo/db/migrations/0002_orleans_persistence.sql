-- 0002_orleans_persistence.sql
--
-- Grain state storage for Microsoft.Orleans.Persistence.AdoNet 10.4.x on PostgreSQL.
-- Requires 0001 (creates OrleansQuery).
--
-- Idempotent; no BEGIN/COMMIT inside: the caller owns the transaction (see 0001).
--
-- Contract notes (Orleans 10.4.2, AdoNetGrainStorage):
--  * Every query gets @GrainIdHash (int), @GrainIdN0/@GrainIdN1 (bigint), @GrainTypeHash (int),
--    @GrainTypeString, @GrainIdExtensionString (NULL for plain integer/guid keys; the whole key
--    for string-keyed grains) and @ServiceId. Writes/clears/deletes also get @GrainStateVersion
--    (int, NULL when the grain has no ETag yet); the write gets @PayloadBinary (bytea).
--    Orleans 10 only stores binary: there are no JSON/XML payload parameters any more.
--  * ETag = the integer version. Read returns columns PayloadBinary and Version (RecordExists is
--    "PayloadBinary is not NULL"; a cleared row keeps its version).
--  * Write must return one row with column NewGrainStateVersion = the new version on success.
--    Orleans raises InconsistentStateException when the returned value equals the ETag it sent,
--    is NULL/empty, or no row comes back while it sent an ETag. Here a rejected write (stale
--    version, or an insert racing an existing row) returns NewGrainStateVersion = NULL.
--  * Clear (and Delete, used only with DeleteStateOnClear = true) are read via column 0:
--    new version on success, NULL when the version did not match.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    grain_id_hash    integer     NOT NULL,
    grain_type_hash  integer     NOT NULL,
    grain_id_n0      bigint      NOT NULL,
    grain_id_n1      bigint      NOT NULL,
    grain_type       text        NOT NULL,
    grain_id_ext     text        NULL,
    service_id       text        NOT NULL,
    payload          bytea       NULL,      -- NULL after ClearStateAsync
    version          integer     NOT NULL,
    modified_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per (service, grain type, grain id). Long text parts are folded through md5 so the
-- index entry stays small; NULL and '' extensions are kept apart. The two hash columns lead, so
-- the same index serves the lookups below.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                            md5(grain_type), md5(service_id),
                            (grain_id_ext IS NULL), md5(coalesce(grain_id_ext, '')));

-- Write with optimistic concurrency. Returns the new version, or NULL when rejected.
CREATE OR REPLACE FUNCTION orleans_grain_state_write(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_known_version   integer,
    p_payload         bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
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
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary",
       version AS "Version"
  FROM orleans_grain_state
 WHERE grain_id_hash = @GrainIdHash
   AND grain_type_hash = @GrainTypeHash
   AND grain_id_n0 = @GrainIdN0
   AND grain_id_n1 = @GrainIdN1
   AND grain_type = @GrainTypeString
   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
   AND service_id = @ServiceId;
$q$),

('WriteToStorageKey', $q$
SELECT orleans_grain_state_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";
$q$),

-- Keeps the row (and its version) but drops the payload.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state
       SET payload = NULL,
           version = version + 1,
           modified_at = now()
     WHERE grain_id_hash = @GrainIdHash
       AND grain_type_hash = @GrainTypeHash
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND grain_type = @GrainTypeString
       AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
       AND service_id = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion";
$q$),

-- Only used with AdoNetGrainStorageOptions.DeleteStateOnClear = true. Removes the row; returns a
-- non-NULL value different from the sent ETag on success (the grain's ETag then becomes NULL).
('DeleteStorageKey', $q$
WITH removed AS (
    DELETE FROM orleans_grain_state
     WHERE grain_id_hash = @GrainIdHash
       AND grain_type_hash = @GrainTypeHash
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND grain_type = @GrainTypeString
       AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
       AND service_id = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version + 1 FROM removed) AS "NewGrainStateVersion";
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
