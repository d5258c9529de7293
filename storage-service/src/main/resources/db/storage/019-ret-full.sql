--liquibase formatted sql

--changeset storage-service:019-ret-full
-- DSN RET=FULL as the sender gave it (RFC 3461 §4.3), so it is passed on to a next hop that offers
-- DSN; neither this nor return_headers_only: RET was not given.
ALTER TABLE storage.outbound_messages ADD COLUMN return_full boolean NOT NULL DEFAULT false
    CHECK (NOT (return_full AND return_headers_only));
