--liquibase formatted sql

--changeset storage-service:009-first-recent-uid
-- IMAP4rev1 \Recent (RFC 3501 §2.3.2): a message is recent for exactly one session, the first to
-- select the mailbox read-write after it arrived. Messages from this UID up have not been claimed
-- by any session yet; a claim moves the mark past the UIDs it takes.
ALTER TABLE storage.mailboxes ADD COLUMN first_recent_uid bigint NOT NULL DEFAULT 1;
