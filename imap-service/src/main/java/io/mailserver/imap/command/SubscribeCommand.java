package io.mailserver.imap.command;

/** RFC 9051 §6.3.7 SUBSCRIBE ({@code subscribe} true) and §6.3.8 UNSUBSCRIBE. */
public record SubscribeCommand(String tag, String mailbox, boolean subscribe) implements ImapCommand {
    @Override
    public String name() {
        return subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
    }
}
