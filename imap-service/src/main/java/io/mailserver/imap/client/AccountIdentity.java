package io.mailserver.imap.client;

/** The account a session logged in to. */
public record AccountIdentity(long accountId, String address) {
}
