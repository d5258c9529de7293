/**
 * IMAP framing and grammar, without I/O and without business logic: {@link io.mailserver.imap.codec.ImapDecoder}
 * frames commands out of {@link io.mailserver.protocol.io.InputBuffer} input (lines, literals,
 * LITERAL+), bounded by line and literal limits; {@link io.mailserver.imap.codec.CommandParser} turns a
 * framed command into a {@link io.mailserver.imap.command.ImapCommand} with the command's grammar,
 * one class per command registered in {@link io.mailserver.imap.codec.grammar.CommandTable}. Syntax errors become values,
 * never exceptions that escape this package.
 */
package io.mailserver.imap.codec;
