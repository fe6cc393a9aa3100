-- 0001_orleans_clustering.sql
--
-- Query catalogue + cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4.x on PostgreSQL.
--
-- The Orleans ADO.NET packages ship no SQL. At start-up every ADO.NET provider runs
--   SELECT QueryKey, QueryText FROM OrleansQuery
-- and then executes the stored text for each key with named parameters (@DeploymentId, ...).
-- This file creates that catalogue table and fills in the membership/gateway keys.
--
-- Idempotent: safe to run any number of times (psql -f, or one multi-statement Npgsql command).
-- No BEGIN/COMMIT inside: the caller owns the transaction (Silo/Database/SchemaMigrator runs each
-- file in its own transaction under an advisory lock; with psql use -1 for the same effect).
--
-- Contract notes (Orleans 10.4.2):
--  * "Version" is the membership table version (one row per cluster id). Insert/Update of a
--    member receive @Version = the version the caller last READ; the write succeeds only if
--    the stored version still equals it, and then bumps it by one, atomically with the row
--    change. Both return a single one-column row that converts to bool (true = applied).
--  * Read queries always return at least one row (the version row, LEFT JOINed to members);
--    a row whose StartTime is NULL means "no member", and Version is read from every row.
--  * The gateway query gets @Status = 3 (SiloStatus.Active) from the provider.
--  * SiloStatus: 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.

-- Query catalogue read by every Orleans ADO.NET provider (name and columns are fixed by Orleans;
-- unquoted so they fold to orleansquery/querykey/querytext).
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per cluster (Orleans calls it DeploymentId / ClusterId): the membership table version.
CREATE TABLE IF NOT EXISTS orleans_cluster_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleans_cluster_member
(
    deployment_id  varchar(150) NOT NULL
                   REFERENCES orleans_cluster_version (deployment_id) ON DELETE CASCADE,
    address        varchar(45)  NOT NULL,
    port           integer      NOT NULL,
    generation     integer      NOT NULL,
    silo_name      varchar(150) NOT NULL,
    host_name      varchar(150) NOT NULL,
    status         integer      NOT NULL,
    proxy_port     integer      NOT NULL DEFAULT 0,
    suspect_times  text         NULL,      -- "silo,date|silo,date" as formatted by Orleans
    start_time     timestamptz  NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Insert a member and bump the table version, all or nothing.
CREATE OR REPLACE FUNCTION orleans_member_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_read_version    integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
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
$fn$;

-- Update a member's status/suspicions and bump the table version, all or nothing.
CREATE OR REPLACE FUNCTION orleans_member_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_read_version    integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
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
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Creates the version row for a cluster if missing. One row, one column: 1 = created, 0 = existed.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_cluster_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_member_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Applied";
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_member_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Applied";
$q$),

-- Heartbeat. Not versioned; never moves the time backwards.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_cluster_member
   SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation;
$q$),

('MembershipReadRowKey', $q$
SELECT m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       v.version         AS "Version"
  FROM orleans_cluster_version v
  LEFT JOIN orleans_cluster_member m
         ON m.deployment_id = v.deployment_id
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       v.version         AS "Version"
  FROM orleans_cluster_version v
  LEFT JOIN orleans_cluster_member m
         ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId;
$q$),

-- Used by clients (and silos) to find gateways; the provider passes @Status = 3 (Active).
('GatewaysQueryKey', $q$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
  FROM orleans_cluster_member
 WHERE deployment_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0;
$q$),

-- Drops the whole cluster (members go with the version row via ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_cluster_version
 WHERE deployment_id = @DeploymentId;
$q$),

-- Legacy bulk cleanup (used only if CleanupDefunctSiloEntryKey is absent): dead rows with no
-- activity after the cutoff @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_cluster_member
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
   AND start_time < @IAmAliveTime
   AND coalesce(suspect_times, '') = '';
$q$),

-- Per-row cleanup: Orleans decides in .NET which dead rows are old enough and deletes each one
-- only if it still holds exactly the values it read.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_cluster_member
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
