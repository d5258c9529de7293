--liquibase formatted sql

--changeset storage-service:017-smtputf8
-- The message needs SMTPUTF8 (RFC 6531) at the next hop: it was sent with SMTPUTF8 and has a UTF-8
-- address or header field. A next hop without the extension gets no copy; the sender a report.
ALTER TABLE storage.outbound_messages ADD COLUMN smtputf8 boolean NOT NULL DEFAULT false;
