package io.mailserver.imap.codec;

/**
 * A message literal announced at the end of a command line (APPEND's message, RFC 9051 §6.3.12):
 * unlike other literals the decoder does not read its octets, the command's handler streams them
 * on to storage as they arrive, so a large message never sits whole in imap-service.
 *
 * @param size           octets announced
 * @param synchronizing  {@code {n}}: the client waits for a continuation request before sending;
 *                       {@code {n+}} (LITERAL+) is already on its way
 * @param literal8       {@code ~{n}} (RFC 3516): the message may hold any octet, NUL included
 */
public record MessageLiteral(long size, boolean synchronizing, boolean literal8) {
}
