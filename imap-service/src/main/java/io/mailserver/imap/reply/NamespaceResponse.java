package io.mailserver.imap.reply;

/**
 * RFC 9051 §7.3.5 {@code * NAMESPACE}: one personal namespace, no other users' and no shared
 * namespaces (this server has neither).
 */
public record NamespaceResponse(String personalPrefix, String delimiter) implements Response {
}
