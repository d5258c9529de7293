package io.mailserver.imap.codec;

import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.command.SequenceSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** RFC 9051 §6.4.4 / RFC 3501 §6.4.4 search keys. */
public final class SearchKeyParser {

    /** Nesting bound for NOT, OR and parentheses, so a hostile command cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private SearchKeyParser() {
    }

    /** One or more keys up to the end of the command, combined with AND. */
    public static SearchKey parseAll(TokenCursor cursor) throws SyntaxError {
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(cursor, 0));
        } while (!cursor.atEnd());
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    static SearchKey key(TokenCursor cursor, int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError("Search keys nested too deeply");
        }
        if (cursor.peekOpen()) {
            cursor.open();
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(key(cursor, depth + 1));
            } while (!cursor.peekClose());
            cursor.close();
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        String word = cursor.word();
        char first = word.isEmpty() ? ' ' : word.charAt(0);
        if (first == '*' || first == '$' || (first >= '0' && first <= '9')) {
            return new SearchKey.SequenceNumbers(sequenceSet(word));
        }
        switch (TokenCursor.upper(word)) {
            case "ALL":
                return new SearchKey.All();
            case "EMAILID":
                return new SearchKey.EmailId(objectId(cursor));
            case "THREADID":
                // RFC 8474 §6: every THREADID here is NIL, so no message has the one asked for
                objectId(cursor);
                return new SearchKey.Not(new SearchKey.All());
            case "OLD":
                return new SearchKey.Recent(false);
            case "RECENT":
                return new SearchKey.Recent(true);
            case "NEW":
                return new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.Flag("\\Seen", false)));
            case "ANSWERED":
                return new SearchKey.Flag("\\Answered", true);
            case "DELETED":
                return new SearchKey.Flag("\\Deleted", true);
            case "DRAFT":
                return new SearchKey.Flag("\\Draft", true);
            case "FLAGGED":
                return new SearchKey.Flag("\\Flagged", true);
            case "SEEN":
                return new SearchKey.Flag("\\Seen", true);
            case "UNANSWERED":
                return new SearchKey.Flag("\\Answered", false);
            case "UNDELETED":
                return new SearchKey.Flag("\\Deleted", false);
            case "UNDRAFT":
                return new SearchKey.Flag("\\Draft", false);
            case "UNFLAGGED":
                return new SearchKey.Flag("\\Flagged", false);
            case "UNSEEN":
                return new SearchKey.Flag("\\Seen", false);
            case "KEYWORD":
                return new SearchKey.Flag(cursor.atom(), true);
            case "UNKEYWORD":
                return new SearchKey.Flag(cursor.atom(), false);
            case "BCC":
                return new SearchKey.Header("Bcc", cursor.astring());
            case "CC":
                return new SearchKey.Header("Cc", cursor.astring());
            case "FROM":
                return new SearchKey.Header("From", cursor.astring());
            case "SUBJECT":
                return new SearchKey.Header("Subject", cursor.astring());
            case "TO":
                return new SearchKey.Header("To", cursor.astring());
            case "HEADER":
                return new SearchKey.Header(cursor.astring(), cursor.astring());
            case "BODY":
                return new SearchKey.Body(cursor.astring());
            case "TEXT":
                return new SearchKey.Text(cursor.astring());
            case "BEFORE":
                return new SearchKey.InternalDate(SearchKey.DateOp.BEFORE, date(cursor));
            case "ON":
                return new SearchKey.InternalDate(SearchKey.DateOp.ON, date(cursor));
            case "SINCE":
                return new SearchKey.InternalDate(SearchKey.DateOp.SINCE, date(cursor));
            case "SENTBEFORE":
                return new SearchKey.SentDate(SearchKey.DateOp.BEFORE, date(cursor));
            case "SENTON":
                return new SearchKey.SentDate(SearchKey.DateOp.ON, date(cursor));
            case "SENTSINCE":
                return new SearchKey.SentDate(SearchKey.DateOp.SINCE, date(cursor));
            case "LARGER":
                return new SearchKey.Size(true, cursor.number());
            case "SMALLER":
                return new SearchKey.Size(false, cursor.number());
            case "NOT":
                return new SearchKey.Not(key(cursor, depth + 1));
            case "OR":
                SearchKey left = key(cursor, depth + 1);
                return new SearchKey.Or(left, key(cursor, depth + 1));
            case "UID":
                return new SearchKey.Uids(sequenceSet(cursor.word()));
            case "MODSEQ":
                return modseq(cursor);
            default:
                throw new SyntaxError("Unknown search key");
        }
    }

    /**
     * {@code MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer} (RFC 7162 §3.1.5). The
     * entry names a flag's own mod-sequence; this server keeps one per message, which the RFC allows
     * to stand for every entry.
     */
    private static SearchKey modseq(TokenCursor cursor) throws SyntaxError {
        if (cursor.peek() instanceof Token.Quoted || cursor.peek() instanceof Token.Literal) {
            cursor.string();
            String type = TokenCursor.upper(cursor.atom());
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                throw new SyntaxError("Expected priv, shared or all");
            }
        }
        return new SearchKey.Modseq(cursor.number());
    }

    /** RFC 8474 {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")}. */
    private static String objectId(TokenCursor cursor) throws SyntaxError {
        String id = cursor.atom();
        if (id.length() > 255 || !id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
            throw new SyntaxError("Invalid object id");
        }
        return id;
    }

    /** A sequence set, or {@code $}: the saved result (RFC 5182 §2.1) stands wherever a set may. */
    private static SequenceSet sequenceSet(String text) throws SyntaxError {
        if (text.equals("$")) {
            return SequenceSet.SAVED;
        }
        SequenceSet set = SequenceSetParser.parse(text);
        if (set == null) {
            throw new SyntaxError("Invalid sequence set");
        }
        return set;
    }

    private static LocalDate date(TokenCursor cursor) throws SyntaxError {
        Token token = cursor.next();
        String text;
        if (token instanceof Token.Word word) {
            text = word.text();
        } else if (token instanceof Token.Quoted quoted) {
            text = quoted.text();
        } else {
            throw new SyntaxError("Expected a date");
        }
        LocalDate date = ImapDate.parseDate(text);
        if (date == null) {
            throw new SyntaxError("Invalid date");
        }
        return date;
    }
}
