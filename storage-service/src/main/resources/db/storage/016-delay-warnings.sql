--liquibase formatted sql

--changeset storage-service:016-delay-warnings
-- Whether the sender was told the entry is delayed (RFC 3464 Action: delayed): one notice per entry,
-- however many attempts follow.
ALTER TABLE storage.outbound_entries ADD COLUMN delay_warned boolean NOT NULL DEFAULT false;
