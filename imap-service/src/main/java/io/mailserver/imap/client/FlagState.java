package io.mailserver.imap.client;

import java.util.List;

/** A message's flags (system flags and keywords) as of its mod-sequence. */
public record FlagState(int uid, List<String> flags, long modseq) {

    public FlagState {
        flags = List.copyOf(flags);
    }
}
