--liquibase formatted sql

--changeset storage-service:015-sending-usage
-- What each account submitted, per minute, for submission's per-account sending limits (messages
-- and recipients in the last hour). Written by Deliver in the transaction that accepts the message,
-- so every smtp-service instance sees the same counts; rows older than a day are deleted by the
-- delivery-record cleanup.
CREATE TABLE storage.sending_usage (
    account_id bigint      NOT NULL,
    minute     timestamptz NOT NULL,
    messages   integer     NOT NULL,
    recipients integer     NOT NULL,
    CONSTRAINT sending_usage_pkey PRIMARY KEY (account_id, minute)
);
