--liquibase formatted sql

--changeset storage-service:021-blob-search
-- The search text of a message is a function of its content, so it is stored once per blob instead of
-- once per copy (ADR 11): a message to ten recipients used to insert the same body text ten times and
-- PostgreSQL built its trigram GIN entries ten times (most of its 2.3 ms of CPU per delivered message).
-- A table of its own, not columns on storage.blobs: ref_count changes with every copy, and an update
-- that is not HOT would insert every GIN entry again. Deleted with its blob (the collector's DELETE
-- cascades). search_body NULL marks content stored before 010: search_text keeps its old word index.
CREATE TABLE storage.blob_search (
    sha256         bytea    NOT NULL,
    search_headers text     NOT NULL,
    search_body    text,
    search_text    tsvector,
    CONSTRAINT blob_search_pkey PRIMARY KEY (sha256),
    CONSTRAINT blob_search_blob_fkey FOREIGN KEY (sha256) REFERENCES storage.blobs (sha256) ON DELETE CASCADE
);

--changeset storage-service:021-blob-search-rows
-- One row per blob from one of its copies (all copies of a blob carry the same text); a copy with the
-- body text wins over one stored before 010. A message whose blob is already gone (see 006) has no
-- body to search either and gets no row.
INSERT INTO storage.blob_search (sha256, search_headers, search_body, search_text)
SELECT DISTINCT ON (m.blob_sha256) m.blob_sha256, m.search_headers, m.search_body,
       CASE WHEN m.search_body IS NULL THEN m.search_text END
FROM storage.messages m
WHERE EXISTS (SELECT 1 FROM storage.blobs b WHERE b.sha256 = m.blob_sha256)
ORDER BY m.blob_sha256, m.search_body IS NULL;

--changeset storage-service:021-blob-search-indexes
-- Built after the rows, which is faster than growing them row by row. The trigram indexes answer
-- BODY/TEXT (LIKE) and HEADER (case-insensitive regex, which pg_trgm also narrows): a search starts
-- from the few blobs that can match instead of reading every message of a large mailbox. The partial
-- index finds the content from before 010, which is matched by words (none on a database created since).
CREATE INDEX blob_search_body_idx ON storage.blob_search USING gin (search_body storage.gin_trgm_ops);
CREATE INDEX blob_search_headers_idx ON storage.blob_search USING gin (search_headers storage.gin_trgm_ops);
CREATE INDEX blob_search_words_idx ON storage.blob_search (sha256) WHERE search_body IS NULL;

--changeset storage-service:021-messages-without-search
-- Nothing reads the per-copy columns any more. Dropping them drops their GIN indexes, whose upkeep
-- on every inserted copy (an entry even for the empty tsvector) is the cost this change removes.
-- A storage-service from before this change can no longer insert messages: upgrade all instances
-- together, as a delivery failing (and retried by SMTP) is better than a copy nobody can find.
DROP INDEX storage.messages_search_body_idx;
DROP INDEX storage.messages_search_text_idx;
ALTER TABLE storage.messages DROP COLUMN search_headers;
ALTER TABLE storage.messages DROP COLUMN search_body;
ALTER TABLE storage.messages DROP COLUMN search_text;
