--liquibase formatted sql

--changeset storage-service:006-messages-blob-fkey
-- A message can never point at a blob that is gone: the database refuses to delete a blob any message
-- row references, whatever the reference counts say. The counts stay (they let the collector find
-- candidates cheaply); this link is what makes a mistake in them harmless. The index serves the
-- collector's own "still referenced?" check and the foreign key's check on delete; neither is a hot
-- path. Once blobs are distributed by hash apart from the account-sharded messages (ADR 5), a
-- cross-shard foreign key is not available and the collector's check is the guard that remains.
CREATE INDEX messages_blob_idx ON storage.messages (blob_sha256);
ALTER TABLE storage.messages
    ADD CONSTRAINT messages_blob_fkey FOREIGN KEY (blob_sha256) REFERENCES storage.blobs (sha256);
