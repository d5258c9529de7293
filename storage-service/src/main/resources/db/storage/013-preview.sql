--liquibase formatted sql

--changeset storage-service:013-preview
-- RFC 8970 PREVIEW, computed once at delivery like the envelope. Rows stored before have NULL and
-- answer PREVIEW NIL.
ALTER TABLE storage.messages ADD COLUMN preview text;
