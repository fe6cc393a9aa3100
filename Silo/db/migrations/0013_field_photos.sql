-- 0013_field_photos.sql
--
-- Photos and signatures of engineers' service reports. Kept in PostgreSQL beside the tickets they belong to,
-- so that a backup holds them and a restore brings them back; each is small (the web node refuses one above
-- ServiceReports:PhotoMaxBytes, 512 KB by default). A report names its photos by id.

CREATE TABLE dispatch_field_photos (
    id           uuid        PRIMARY KEY,
    ticket_id    text        NOT NULL,
    engineer_id  text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('photo', 'signature')),
    content_type text        NOT NULL,
    bytes        bytea       NOT NULL,
    stored_at    timestamptz NOT NULL
);

CREATE INDEX dispatch_field_photos_ticket ON dispatch_field_photos (ticket_id, stored_at);
