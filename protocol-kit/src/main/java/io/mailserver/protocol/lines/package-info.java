/**
 * Line framing of content a server sends (POP3 multi-line responses, and SMTP DATA when it is the
 * client): CRLF as the only line ending, dot-stuffing, the terminator.
 *
 * <p>Invariant: whatever bytes a message holds, the framed output has CRLF line endings only and no
 * line "." before the terminator, so it cannot end early under any reader's idea of a line.
 */
package io.mailserver.protocol.lines;
