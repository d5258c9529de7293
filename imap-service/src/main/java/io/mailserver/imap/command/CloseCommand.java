package io.mailserver.imap.command;

/**
 * RFC 9051 §6.4.1 CLOSE ({@code expunge} true: silently expunges when read-write) and
 * RFC 3691 / RFC 9051 §6.4.2 UNSELECT ({@code expunge} false).
 */
public record CloseCommand(String tag, boolean expunge) implements ImapCommand {
    @Override
    public String name() {
        return expunge ? "CLOSE" : "UNSELECT";
    }
}
