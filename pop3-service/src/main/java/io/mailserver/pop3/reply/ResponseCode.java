package io.mailserver.pop3.reply;

/** Extended response codes in brackets after "-ERR" (RFC 2449 §8, RFC 3206). */
public enum ResponseCode {
    /** RFC 3206 §4: the credentials were refused; retrying them will not help. */
    AUTH("AUTH"),
    /** RFC 3206 §4: a temporary system problem; the same request may work later. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §4: a permanent system problem. */
    SYS_PERM("SYS/PERM");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
