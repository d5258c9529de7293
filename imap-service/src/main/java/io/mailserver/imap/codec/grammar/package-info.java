/**
 * One grammar class per IMAP command (RFC 9051 §9), all registered in
 * {@link io.mailserver.imap.codec.grammar.CommandTable}: adding a command means a record in
 * {@code command/}, a grammar here, a line in the table and a handler in {@code handler/}.
 */
package io.mailserver.imap.codec.grammar;
