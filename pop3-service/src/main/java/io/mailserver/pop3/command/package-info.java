/**
 * POP3 commands as parsed, immutable records: one record per verb of RFC 1939, RFC 2449, RFC 2595
 * and RFC 5034, all in the sealed {@link io.mailserver.pop3.command.Pop3Command} family.
 *
 * <p>Invariants: a record holds only syntactically valid arguments (message numbers are positive,
 * line counts non-negative); whether a command is allowed in the current state is not decided here
 * but by the handler that executes it.
 */
package io.mailserver.pop3.command;
