package io.mailserver.imap.command;

/** RFC 9208 §4.3 GETQUOTAROOT: the quota roots of a mailbox and their resources. */
public record GetQuotaRootCommand(String tag, String mailbox) implements ImapCommand {

    @Override
    public String name() {
        return "GETQUOTAROOT";
    }
}
