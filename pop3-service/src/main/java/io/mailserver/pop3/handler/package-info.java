/**
 * Execution of POP3 commands, one class per command family: {@link io.mailserver.pop3.handler.LoginHandler}
 * (USER, PASS, AUTH), {@link io.mailserver.pop3.handler.MaildropHandler} (STAT, LIST, UIDL, NOOP),
 * {@link io.mailserver.pop3.handler.RetrieveHandler} (RETR, TOP), {@link io.mailserver.pop3.handler.DeleteHandler}
 * (DELE, RSET), {@link io.mailserver.pop3.handler.QuitHandler}, {@link io.mailserver.pop3.handler.CapaHandler},
 * {@link io.mailserver.pop3.handler.StlsHandler}.
 *
 * <p>Invariants: each handler declares the session phases it accepts and
 * {@link io.mailserver.pop3.handler.CommandDispatcher} alone checks them; handlers decide the reply
 * and the next state and return them as an {@link io.mailserver.pop3.handler.Outcome} instead of
 * changing the session, so that results computed on gRPC threads are applied on the connection's
 * context; a refusal is always a {@code -ERR}, never an exception.
 */
package io.mailserver.pop3.handler;
