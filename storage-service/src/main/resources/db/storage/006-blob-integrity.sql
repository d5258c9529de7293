--liquibase formatted sql

--changeset storage-service:006-messages-blob-idx
-- The collector's own "still referenced?" check, and the foreign key's check on delete; neither is a
-- hot path.
CREATE INDEX messages_blob_idx ON storage.messages (blob_sha256);

--changeset storage-service:006-messages-blob-fkey
-- A message can never point at a blob that is gone: the database refuses to delete a blob any message
-- row references, whatever the reference counts say. The counts stay (they let the collector find
-- candidates cheaply); this link is what makes a mistake in them harmless. Added NOT VALID, so rows
-- written before it are not checked while the tables are locked; the next changeset validates them.
-- Once blobs are distributed by hash apart from the account-sharded messages (ADR 5), a cross-shard
-- foreign key is not available and the collector's check is the guard that remains.
ALTER TABLE storage.messages
    ADD CONSTRAINT messages_blob_fkey FOREIGN KEY (blob_sha256) REFERENCES storage.blobs (sha256) NOT VALID;

--changeset storage-service:006-messages-blob-fkey-validate
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM storage.messages m WHERE NOT EXISTS (SELECT 1 FROM storage.blobs b WHERE b.sha256 = m.blob_sha256)
-- Validation of the rows from before; skipped (and the service still starts) when some message
-- already lost its body to the old clamped counts: those rows stay unchecked, every new one is.
ALTER TABLE storage.messages VALIDATE CONSTRAINT messages_blob_fkey;
