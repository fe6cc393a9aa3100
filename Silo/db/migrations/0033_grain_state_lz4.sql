-- 0033_grain_state_lz4.sql
--
-- Server CPU per ticket (issue #14). A state over about 2 KB is compressed by PostgreSQL at every write: a ticket's
-- (2.8 KB, six writes in its first minutes), a customer's (5.7 KB with its last tickets), a live board's. With the
-- default method, pglz, that compression was PostgreSQL's busiest function in a warm 50/s load run (4.2 % of its
-- samples). LZ4 stores the same states in about the same room (1,683 bytes a ticket instead of 1,664) and took a fifth
-- off the time of a ticket-sized update in a loop of them (README, "Load generator").
--
-- New values only: the stored ones stay as they are, readable either way, until they are written again. A PostgreSQL
-- built without LZ4, or older than 14 (which chooses no method per column), keeps pglz: slower, not wrong.

DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'ALTER TABLE orleans_grain_state ALTER COLUMN payload SET COMPRESSION lz4';
    END IF;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no LZ4: grain states stay compressed with pglz';
END
$$;
