--liquibase formatted sql

--changeset storage-service:003-messages
-- One row per message in a mailbox. Everything IMAP FETCH and SEARCH need is computed once at delivery:
-- envelope and body_structure (serialized contract messages, with part offsets), the raw top-level
-- header (header fetches never touch the blob), decoded header lines and the text index.
CREATE TABLE storage.messages (
    account_id                   bigint      NOT NULL,
    mailbox_id                   bigint      NOT NULL,
    uid                          bigint      NOT NULL,
    blob_sha256                  bytea       NOT NULL,
    size                         bigint      NOT NULL,
    internal_date                timestamptz NOT NULL,
    internal_date_offset_minutes smallint    NOT NULL DEFAULT 0,
    modseq                       bigint      NOT NULL,
    -- bit 0 \Seen, 1 \Answered, 2 \Flagged, 3 \Deleted, 4 \Draft
    system_flags                 smallint    NOT NULL DEFAULT 0,
    keywords                     text[]      NOT NULL DEFAULT '{}',
    envelope                     bytea       NOT NULL,
    body_structure               bytea       NOT NULL,
    header                       bytea       NOT NULL,
    search_headers               text        NOT NULL,
    search_text                  tsvector    NOT NULL,
    sent_date                    date,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (account_id, mailbox_id, uid),
    CONSTRAINT messages_mailbox_fkey FOREIGN KEY (account_id, mailbox_id)
        REFERENCES storage.mailboxes (account_id, mailbox_id)
);
CREATE INDEX messages_modseq_idx ON storage.messages (account_id, mailbox_id, modseq);
CREATE INDEX messages_search_text_idx ON storage.messages USING gin (search_text);

--changeset storage-service:003-expunged
-- Expunge tombstones: what lets any session ask "what was expunged since MODSEQ n" (RFC 7162 QRESYNC).
CREATE TABLE storage.expunged (
    account_id bigint NOT NULL,
    mailbox_id bigint NOT NULL,
    uid        bigint NOT NULL,
    modseq     bigint NOT NULL,
    CONSTRAINT expunged_pkey PRIMARY KEY (account_id, mailbox_id, uid)
);
CREATE INDEX expunged_modseq_idx ON storage.expunged (account_id, mailbox_id, modseq);
