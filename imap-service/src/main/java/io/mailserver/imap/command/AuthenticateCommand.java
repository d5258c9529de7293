package io.mailserver.imap.command;

/**
 * RFC 9051 §6.2.2 AUTHENTICATE, with the optional SASL initial response of RFC 4959 (SASL-IR).
 *
 * @param mechanism       upper-cased SASL mechanism name
 * @param initialResponse the base64 initial response as sent ("=" for an empty one), or null when
 *                        the client waits for the server's first challenge
 */
public record AuthenticateCommand(String tag, String mechanism, String initialResponse) implements ImapCommand {
    @Override
    public String name() {
        return "AUTHENTICATE";
    }

    @Override
    public String toString() {
        return "AuthenticateCommand[tag=" + tag + ", mechanism=" + mechanism + "]";
    }
}
