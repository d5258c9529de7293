package io.mailserver.imap.command;

import java.time.LocalDate;
import java.util.List;

/**
 * A search key as the client wrote it (RFC 9051 §6.4.4), before sequence numbers are mapped to UIDs.
 * Keys that only rename others (FROM is HEADER FROM, UNSEEN is NOT \Seen) are normalised by the
 * parser, so this family stays small.
 */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    /**
     * RECENT ({@code present}) and OLD: \Recent is this session's (RFC 3501 §2.3.2), so the key becomes
     * a set of UIDs only when the session maps it. NEW is RECENT UNSEEN.
     */
    record Recent(boolean present) implements SearchKey {
    }

    record SequenceNumbers(SequenceSet set) implements SearchKey {
    }

    record Uids(SequenceSet set) implements SearchKey {
    }

    /** A system flag or keyword present ({@code present}) or absent. */
    record Flag(String flag, boolean present) implements SearchKey {
    }

    /** Header field containing {@code value} (case-insensitive substring; "" matches any message with the field). */
    record Header(String field, String value) implements SearchKey {
    }

    record Body(String text) implements SearchKey {
    }

    record Text(String text) implements SearchKey {
    }

    enum DateOp {
        BEFORE, ON, SINCE
    }

    /** BEFORE, ON, SINCE: the internal date. */
    record InternalDate(DateOp op, LocalDate date) implements SearchKey {
    }

    /** SENTBEFORE, SENTON, SENTSINCE: the Date header. */
    record SentDate(DateOp op, LocalDate date) implements SearchKey {
    }

    /** LARGER ({@code larger}) or SMALLER than {@code octets}. */
    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** RFC 7162 MODSEQ: a mod-sequence of at least {@code modseq} (per-flag entries are not kept apart). */
    record Modseq(long modseq) implements SearchKey {
    }

    /** RFC 8474 {@code EMAILID objectid}. */
    record EmailId(String id) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** A parenthesised list, or the keys of the command itself: every key must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
