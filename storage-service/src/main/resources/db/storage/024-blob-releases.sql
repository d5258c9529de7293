--liquibase formatted sql

--changeset storage-service:024-blob-releases
-- Blobs stop counting their references. Every APPEND, COPY and EXPUNGE of one content updated the
-- count on its one row and held that row's lock until commit, so they waited for each other across
-- all accounts: under imaptest (six bodies) that row lock took up to a second, and a newsletter
-- delivered to many users in separate sessions would do the same. A reference is now the row that
-- names the blob (its foreign key holds the blob while it is inserted); a removed reference leaves a
-- row here, and the collector deletes a released blob only if nothing references it.
-- No unique key: two transactions releasing one blob must not wait for each other here either.
CREATE TABLE storage.blob_releases (
    sha256      bytea       NOT NULL,
    released_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blob_releases_released_idx ON storage.blob_releases (released_at);
-- what the counts had found unreferenced is looked at like any other release
INSERT INTO storage.blob_releases (sha256, released_at)
    SELECT sha256, coalesce(unreferenced_since, now()) FROM storage.blobs WHERE ref_count <= 0;
DROP INDEX storage.blobs_unreferenced_idx;
-- ref_count and unreferenced_since are no longer kept; they stay while a storage-service from
-- before this change may still run during a rolling upgrade (it writes them), and go in a later change.
ALTER TABLE storage.blobs ALTER COLUMN ref_count SET DEFAULT 0;
