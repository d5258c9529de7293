--liquibase formatted sql

--changeset storage-service:005-deliveries
-- The result of each Deliver per recipient, so a retried Deliver with the same delivery_id answers the
-- first result instead of storing again. Rows older than the retention are deleted by the collector.
CREATE TABLE storage.deliveries (
    account_id      bigint      NOT NULL,
    delivery_id     text        NOT NULL,
    recipient_index integer     NOT NULL,
    mailbox_id      bigint      NOT NULL,
    uid_validity    bigint      NOT NULL,
    uid             bigint      NOT NULL,
    content_sha256  bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_pkey PRIMARY KEY (account_id, delivery_id, recipient_index)
);
CREATE INDEX deliveries_created_idx ON storage.deliveries (created_at);
