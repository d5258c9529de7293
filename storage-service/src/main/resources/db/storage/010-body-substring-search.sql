--liquibase formatted sql

--changeset storage-service:010-pg-trgm
-- IMAP SEARCH BODY/TEXT is a substring match (RFC 9051 §6.4.4), which a word index cannot answer:
-- "sdfghjk" must find "asdfghjkl". A trigram index narrows a LIKE '%...%' to candidate rows and
-- the LIKE itself confirms. pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA storage;

--changeset storage-service:010-search-body
-- The decoded text of a message's text parts, lower-cased in Java (so case-insensitivity does not
-- depend on the database's locale), bounded by mail.storage.message.index-text-limit. NULL for rows
-- stored before this change; those keep matching through the old word index in search_text.
ALTER TABLE storage.messages ADD COLUMN search_body text;
ALTER TABLE storage.messages ALTER COLUMN search_text SET DEFAULT ''::tsvector;
CREATE INDEX messages_search_body_idx ON storage.messages USING gin (search_body storage.gin_trgm_ops);
