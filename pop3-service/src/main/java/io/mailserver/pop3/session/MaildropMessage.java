package io.mailserver.pop3.session;

/**
 * One message of a maildrop snapshot.
 *
 * @param uid  the storage UID (unsigned 32-bit, kept in a long)
 * @param size the size in octets of the stored message: what RETR sends before dot-stuffing, unless
 *             the stored message has bare CR or LF, which RETR sends as CRLF (one octet more each)
 */
public record MaildropMessage(long uid, long size) {
}
