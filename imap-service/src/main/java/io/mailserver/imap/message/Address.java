package io.mailserver.imap.message;

/** One address of an envelope: display name, source route, local part and domain; any may be null. */
public record Address(String name, String adl, String mailbox, String host) {
}
