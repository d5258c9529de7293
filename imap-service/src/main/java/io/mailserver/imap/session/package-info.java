/**
 * Per-connection state: the session state machine of RFC 9051 §3 as a sealed interface of records
 * ({@link io.mailserver.imap.session.SessionState}), the client's view of the selected mailbox
 * ({@link io.mailserver.imap.session.MessageNumbers}: sequence number to UID), and the connection
 * loop ({@link io.mailserver.imap.session.ImapConnection}) that runs one command at a time.
 *
 * <p>Invariant: everything here is confined to the connection's Vert.x context; results from peer
 * services are brought back to it before they touch the session.
 */
package io.mailserver.imap.session;
