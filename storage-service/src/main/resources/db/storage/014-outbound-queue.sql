--liquibase formatted sql

--changeset storage-service:014-outbound-queue
-- The outbound queue (DESIGN.md "Outbound queue"): a message Deliver accepted for other domains is one
-- row here holding one reference to its blob, plus one entry per destination domain, committed with
-- the local copies. smtp-service workers lease due entries (FOR UPDATE SKIP LOCKED on the due index),
-- deliver, and report per recipient. Not keyed by account: the queue is small and short-lived next to
-- the mailboxes, and is drained by domain, not read by account.
CREATE TABLE storage.outbound_messages (
    queue_id            bigint GENERATED ALWAYS AS IDENTITY,
    -- the Deliver id: a retried Deliver finds its message instead of queueing it twice
    delivery_id         text        NOT NULL,
    blob_sha256         bytea       NOT NULL REFERENCES storage.blobs (sha256),
    mail_from           text        NOT NULL,
    size                bigint      NOT NULL,
    envid               text        NOT NULL DEFAULT '',
    return_headers_only boolean     NOT NULL DEFAULT false,
    queued_at           timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    CONSTRAINT outbound_messages_pkey PRIMARY KEY (queue_id)
);
CREATE UNIQUE INDEX outbound_messages_delivery_idx ON storage.outbound_messages (delivery_id) WHERE delivery_id <> '';
CREATE INDEX outbound_messages_blob_idx ON storage.outbound_messages (blob_sha256);

CREATE TABLE storage.outbound_entries (
    entry_id        bigint      GENERATED ALWAYS AS IDENTITY,
    queue_id        bigint      NOT NULL REFERENCES storage.outbound_messages (queue_id) ON DELETE CASCADE,
    domain          text        NOT NULL,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text        NOT NULL DEFAULT '',
    CONSTRAINT outbound_entries_pkey PRIMARY KEY (entry_id)
);
-- what a worker asks: the due entries, oldest first (a leased entry is due again when its lease ends)
CREATE INDEX outbound_entries_due_idx ON storage.outbound_entries (next_attempt_at);
CREATE INDEX outbound_entries_queue_idx ON storage.outbound_entries (queue_id);

CREATE TABLE storage.outbound_recipients (
    entry_id           bigint  NOT NULL REFERENCES storage.outbound_entries (entry_id) ON DELETE CASCADE,
    recipient_index    integer NOT NULL,
    address            text    NOT NULL,
    original_recipient text    NOT NULL DEFAULT '',
    notify             text    NOT NULL DEFAULT '',
    -- queued, delivered, bounced
    state              text    NOT NULL DEFAULT 'queued',
    diagnostic         text    NOT NULL DEFAULT '',
    CONSTRAINT outbound_recipients_pkey PRIMARY KEY (entry_id, recipient_index)
);
