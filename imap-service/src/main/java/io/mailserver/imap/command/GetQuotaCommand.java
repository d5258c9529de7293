package io.mailserver.imap.command;

/** RFC 9208 §4.2 GETQUOTA: the resources of one quota root. */
public record GetQuotaCommand(String tag, String root) implements ImapCommand {

    @Override
    public String name() {
        return "GETQUOTA";
    }
}
