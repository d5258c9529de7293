package io.mailserver.pop3.session;

/**
 * One message of a maildrop snapshot.
 *
 * @param uid  the storage UID (unsigned 32-bit, kept in a long)
 * @param size the exact size in octets of the stored message, as RETR sends it before dot-stuffing
 */
public record MaildropMessage(long uid, long size) {
}
