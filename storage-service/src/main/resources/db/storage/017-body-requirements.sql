--liquibase formatted sql

--changeset storage-service:017-body-requirements
-- What the next hop must offer for the message to go there as it is (no downgrade): SMTPUTF8
-- (RFC 6531: it was sent with SMTPUTF8 and has UTF-8 in its header; UTF-8 addresses are seen by the
-- worker) and 8BITMIME (RFC 6152: it has octets over 127). A next hop without one gets no copy; the
-- sender a report. Entries queued before this change count as 7-bit ASCII.
ALTER TABLE storage.outbound_messages ADD COLUMN smtputf8 boolean NOT NULL DEFAULT false;
ALTER TABLE storage.outbound_messages ADD COLUMN eight_bit boolean NOT NULL DEFAULT false;
