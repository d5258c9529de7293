package io.mailserver.imap.reply;

/** RFC 9051 §7.1 status responses. */
public enum Status {
    OK, NO, BAD, BYE, PREAUTH
}
