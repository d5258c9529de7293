/**
 * Parsed IMAP commands: one sealed family of immutable records ({@link io.mailserver.imap.command.ImapCommand})
 * and the value types their arguments use (sequence sets, fetch attributes, body sections, search
 * keys). Nothing here performs I/O or knows the session; sequence numbers stay as the client wrote
 * them until the session maps them to UIDs.
 */
package io.mailserver.imap.command;
