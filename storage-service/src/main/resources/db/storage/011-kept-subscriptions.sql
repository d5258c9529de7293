--liquibase formatted sql

--changeset storage-service:011-kept-subscriptions
-- RFC 9051 §6.3.9: a subscription outlives its mailbox; LIST (SUBSCRIBED) shows it as \NonExistent
-- and LSUB as \Noselect until the client unsubscribes or the name is created again (which is then
-- subscribed). An existing mailbox's subscription stays in mailboxes.subscribed; a subscribed
-- mailbox that is deleted leaves its name here.
CREATE TABLE storage.kept_subscriptions (
    account_id bigint NOT NULL REFERENCES storage.accounts (account_id) ON DELETE CASCADE,
    name       text   NOT NULL,
    CONSTRAINT kept_subscriptions_pkey PRIMARY KEY (account_id, name)
);
