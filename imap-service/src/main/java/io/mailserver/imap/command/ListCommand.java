package io.mailserver.imap.command;

import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.3.9 LIST, with RFC 5258 LIST-EXTENDED's selection and return options, RFC 5819
 * LIST-STATUS and RFC 6154 SPECIAL-USE; and RFC 3501 §6.3.9 LSUB.
 *
 * @param reference   reference name, already decoded from modified UTF-7
 * @param patterns    mailbox patterns with the wildcards {@code *} and {@code %}, decoded likewise;
 *                    one unless the extended form listed several
 * @param lsub        true for LSUB: only subscribed mailboxes, LSUB's answers
 * @param selection   RFC 5258 selection options; empty for a basic LIST
 * @param returns     RFC 5258 return options other than STATUS
 * @param statusItems RFC 5819 {@code RETURN (STATUS (...))} items in upper case, or null when not asked
 */
public record ListCommand(String tag, String reference, List<String> patterns, boolean lsub,
        Set<Selection> selection, Set<Return> returns, List<String> statusItems) implements ImapCommand {

    public enum Selection {
        SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE
    }

    public enum Return {
        SUBSCRIBED, CHILDREN, SPECIAL_USE
    }

    public ListCommand {
        patterns = List.copyOf(patterns);
        selection = Set.copyOf(selection);
        returns = Set.copyOf(returns);
        statusItems = statusItems == null ? null : List.copyOf(statusItems);
    }

    /** A basic LIST or LSUB: one pattern, no options. */
    public ListCommand(String tag, String reference, String pattern, boolean lsub) {
        this(tag, reference, List.of(pattern), lsub, Set.of(), Set.of(), null);
    }

    @Override
    public String name() {
        return lsub ? "LSUB" : "LIST";
    }
}
