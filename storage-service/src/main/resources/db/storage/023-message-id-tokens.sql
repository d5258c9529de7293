--liquibase formatted sql

--changeset storage-service:023-message-ids
-- SEARCH HEADER Message-ID "<id>" looks the token up here instead of matching the header lines
-- through the trigram index, where a Message-ID's domain part (the same in thousands of messages)
-- makes it the costliest header value to find (MessageIdTokens). The tokens of the stored content are
-- filled with the same rule as MessageIdTokens.of: each line of search_headers that starts with
-- "message-id:" (ASCII letters in any case), every leftmost non-overlapping match of <[^<>]*> after
-- the colon, ASCII letters lowered. NULL only for rows a storage-service from before this change
-- writes during an upgrade: the search matches those lines as before.
ALTER TABLE storage.blob_search ADD COLUMN message_ids text[];
UPDATE storage.blob_search s SET message_ids = ARRAY(
    SELECT DISTINCT translate(t[1], 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
    FROM regexp_split_to_table(s.search_headers, E'\n') AS line,
         regexp_matches(substr(line, 12), '<[^<>]*>', 'g') AS t
    WHERE translate(substr(line, 1, 11), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'message-id:');
CREATE INDEX blob_search_message_ids_idx ON storage.blob_search USING gin (message_ids);

--changeset storage-service:023-without-message-ids-index
-- Finds the rows without tokens (see above), so a search for a Message-ID reads those lines and
-- looks the token up in the rest instead of matching every row's lines through the trigram index.
CREATE INDEX blob_search_without_message_ids_idx ON storage.blob_search (sha256) WHERE message_ids IS NULL;
