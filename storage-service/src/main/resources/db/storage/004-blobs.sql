--liquibase formatted sql

--changeset storage-service:004-blobs
-- Content-addressed message bodies (SHA-256 of the raw bytes), zstd-compressed, stored once however
-- many message rows reference them. Only PostgresBlobStore touches this table.
CREATE TABLE storage.blobs (
    sha256             bytea       NOT NULL,
    content            bytea       NOT NULL,
    raw_size           bigint      NOT NULL,
    stored_size        bigint      NOT NULL,
    ref_count          integer     NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- when ref_count last reached 0; the collector deletes the row after a grace period
    unreferenced_since timestamptz,
    CONSTRAINT blobs_pkey PRIMARY KEY (sha256)
);
-- already zstd-compressed: TOAST compression would only burn CPU
ALTER TABLE storage.blobs ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX blobs_unreferenced_idx ON storage.blobs (unreferenced_since) WHERE ref_count <= 0;
