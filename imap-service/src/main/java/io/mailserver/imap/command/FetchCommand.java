package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 9051 §6.4.5 FETCH and §6.4.9 UID FETCH.
 *
 * @param messages   message sequence numbers, or UIDs when {@code uid}
 * @param attributes   what to return, macros already expanded, in the client's order
 * @param changedSince RFC 7162 CHANGEDSINCE: only messages with a greater mod-sequence; -1 when absent
 * @param vanished     RFC 7162 §3.2.6 VANISHED (UID FETCH with CHANGEDSINCE only): also report the
 *                     UIDs of the set expunged since
 */
public record FetchCommand(String tag, SequenceSet messages, List<FetchAttribute> attributes, boolean uid,
        long changedSince, boolean vanished) implements ImapCommand {

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

    @Override
    public boolean onlyReads() {
        return true;
    }
}
