/**
 * The POP3 session state machine of RFC 1939 §3 as values: {@link io.mailserver.pop3.session.Pop3State}
 * is a sealed interface of records (Authorization, Transaction, Update), each carrying the data of
 * its state; transitions return new values and perform no I/O.
 *
 * <p>Invariants: the maildrop of a Transaction is the snapshot taken at login, numbered 1..n in UID
 * order and never changed afterwards (messages arriving later stay invisible to the session);
 * deletions are only marks until QUIT moves the session to Update (RFC 1939 §6). A
 * {@link io.mailserver.pop3.session.Pop3Session} is used only on its connection's Vert.x context.
 */
package io.mailserver.pop3.session;
