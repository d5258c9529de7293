package io.mailserver.imap.message;

/** A MIME parameter ({@code charset=utf-8}), decoded. */
public record Parameter(String name, String value) {
}
