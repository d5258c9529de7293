/**
 * The message commands: FETCH, STORE, EXPUNGE, changes since a MODSEQ, SEARCH, APPEND, COPY and
 * MOVE. Invariants: every change locks its mailbox row first and takes {@code highest_modseq + 1};
 * UIDs only grow; counters and blob references change in the same transaction as the rows.
 */
package io.mailserver.storage.message.service;
