package io.mailserver.imap.command;

/** RFC 4978 COMPRESS; {@code mechanism} upper-cased (DEFLATE is the only one). */
public record CompressCommand(String tag, String mechanism) implements ImapCommand {

    @Override
    public String name() {
        return "COMPRESS";
    }
}
