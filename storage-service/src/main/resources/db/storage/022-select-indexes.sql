--liquibase formatted sql

--changeset storage-service:022-unseen-index
-- SELECT answers the first unseen message ([UNSEEN]) from this index instead of reading every row
-- of the mailbox: 100,000 rows took about 100 ms. Messages arrive unseen, so each delivery adds one
-- entry; \Seen removes it.
CREATE INDEX messages_unseen_idx ON storage.messages (account_id, mailbox_id, uid) WHERE (system_flags & 1) = 0;

--changeset storage-service:022-keywords-index
-- SELECT lists the keywords in use (FLAGS) from the messages that have any, not from every row.
CREATE INDEX messages_keywords_idx ON storage.messages (account_id, mailbox_id) WHERE keywords <> '{}';
