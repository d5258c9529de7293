/**
 * The message commands: FETCH, STORE, EXPUNGE, changes since a MODSEQ, SEARCH, APPEND, COPY and
 * MOVE. Invariants: every change of a mailbox's rows holds its mailbox row's lock and takes
 * {@code highest_modseq + 1}; a delivery takes its blob rows before that lock, APPEND, EXPUNGE and
 * COPY after it (so the two can deadlock on the same content in the same mailbox at the same
 * moment, which PostgreSQL breaks and {@code RetriedTransaction} runs again); UIDs only grow; counters and blob references change in the same transaction
 * as the rows.
 */
package io.mailserver.storage.message.service;
