/**
 * Execution of SMTP commands, one class per command family, behind one
 * {@link io.mailserver.smtp.handler.CommandDispatcher} that checks the states each handler accepts.
 *
 * <p>Invariants: a handler decides an {@link io.mailserver.smtp.handler.Outcome} (next state, reply,
 * connection action) from its arguments alone and never touches the connection; 250 after DATA is
 * answered only once storage-service has committed the message; no exception reaches the client,
 * only 451 4.3.0.
 */
package io.mailserver.smtp.handler;
