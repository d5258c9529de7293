--liquibase formatted sql

--changeset storage-service:002-sequences
CREATE SEQUENCE storage.mailbox_id_seq;
-- UIDVALIDITY is a 32-bit non-zero value that must differ whenever a name is reused (RFC 9051 §2.3.1.1).
-- Starting at the epoch second of installation keeps values distinct even after a restore into a new
-- database; CYCLE wraps to 1 long after the values of deleted mailboxes stopped mattering.
CREATE SEQUENCE storage.uid_validity_seq MINVALUE 1 MAXVALUE 4294967295 CYCLE;
SELECT setval('storage.uid_validity_seq', GREATEST(1, extract(epoch FROM now())::bigint % 4294967295));

--changeset storage-service:002-accounts
CREATE TABLE storage.accounts (
    account_id     bigint      NOT NULL PRIMARY KEY,
    provisioned_at timestamptz NOT NULL DEFAULT now()
);

--changeset storage-service:002-mailboxes
CREATE TABLE storage.mailboxes (
    account_id     bigint      NOT NULL,
    mailbox_id     bigint      NOT NULL DEFAULT nextval('storage.mailbox_id_seq'),
    name           text        NOT NULL,
    special_use    text,
    uid_validity   bigint      NOT NULL DEFAULT nextval('storage.uid_validity_seq'),
    uid_next       bigint      NOT NULL DEFAULT 1,
    highest_modseq bigint      NOT NULL DEFAULT 1,
    message_count  bigint      NOT NULL DEFAULT 0,
    unseen_count   bigint      NOT NULL DEFAULT 0,
    deleted_count  bigint      NOT NULL DEFAULT 0,
    size_bytes     bigint      NOT NULL DEFAULT 0,
    subscribed     boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailboxes_pkey PRIMARY KEY (account_id, mailbox_id),
    CONSTRAINT mailboxes_name_key UNIQUE (account_id, name),
    CONSTRAINT mailboxes_uid_validity_check CHECK (uid_validity BETWEEN 1 AND 4294967295),
    CONSTRAINT mailboxes_uid_next_check CHECK (uid_next BETWEEN 1 AND 4294967296)
);
