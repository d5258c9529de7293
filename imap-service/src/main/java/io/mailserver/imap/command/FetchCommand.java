package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 9051 §6.4.5 FETCH and §6.4.9 UID FETCH.
 *
 * @param messages   message sequence numbers, or UIDs when {@code uid}
 * @param attributes what to return, macros already expanded, in the client's order
 */
public record FetchCommand(String tag, SequenceSet messages, List<FetchAttribute> attributes, boolean uid)
        implements ImapCommand {

    public FetchCommand {
        attributes = List.copyOf(attributes);
    }

    @Override
    public String name() {
        return uid ? "UID FETCH" : "FETCH";
    }

    @Override
    public boolean allowsExpungeResponses() {
        return false;
    }
}
