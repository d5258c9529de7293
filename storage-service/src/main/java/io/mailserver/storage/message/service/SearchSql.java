package io.mailserver.storage.message.service;

import io.mailserver.contracts.storage.v1.DateCondition;
import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.message.model.SystemFlag;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.mime.MessageIdTokens;
import io.mailserver.storage.mime.SearchText;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles an RFC 9051 §6.4.4 search key tree into one SQL condition over {@code storage.messages m}
 * (text keys through the search row of the message's blob) with bind parameters (never spliced values). Parameters are numbered from $3: $1 and $2 are the
 * account and mailbox of the surrounding query.
 *
 * <p>A content key (HEADER, BODY, TEXT) is compiled in one of two forms. As a semi-join
 * ({@code EXISTS}) the planner may start from the trigram index over every account's blobs, which is
 * right for a rare value and ruinous for a common one; it cannot tell them apart (its estimate for
 * {@code LIKE '%t pla%'} was 178 rows, 109,995 matched, and imaptest's SEARCH TEXT took 1.3 s on a
 * 10,000-message mailbox). Per message, a lookup of the message's own search row, its cost is bounded
 * by the mailbox (84 ms there). The caller chooses per key ({@link #probe}).
 */
public final class SearchSql {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_KEYS = 2000;
    /** The calendar date of INTERNALDATE in the zone it was given in (RFC 9051: time and zone disregarded). */
    private static final String INTERNAL_DAY =
            "((m.internal_date AT TIME ZONE 'UTC') + make_interval(mins => m.internal_date_offset_minutes::int))::date";

    private final List<Object> parameters = new ArrayList<>();
    /** Number of the first parameter less one. */
    private final int offset;
    /** The content keys the planner may start from (identity: two equal keys may be decided alike anyway). */
    private final Set<SearchKey> fromIndex;
    private int keys;

    private SearchSql(int offset, Set<SearchKey> fromIndex) {
        this.offset = offset;
        this.fromIndex = fromIndex;
    }

    /** The condition and its parameters. */
    public record Compiled(String condition, List<Object> parameters) {
    }

    /** Every content key as a semi-join the planner may start from (SORT and THREAD). */
    public static Compiled compile(SearchKey key) {
        Set<SearchKey> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(contentKeys(key));
        return compile(key, all);
    }

    /** The content keys in {@code fromIndex} as semi-joins, the others looked up per message. */
    public static Compiled compile(SearchKey key, Set<SearchKey> fromIndex) {
        SearchSql sql = new SearchSql(2, fromIndex);
        String condition = sql.condition(key, 0);
        return new Compiled(condition, List.copyOf(sql.parameters));
    }

    /** The content keys (HEADER, BODY, TEXT) of the tree, in the order met; at most {@code MAX_KEYS}. */
    public static List<SearchKey> contentKeys(SearchKey key) {
        List<SearchKey> found = new ArrayList<>();
        collect(key, 0, found);
        return found;
    }

    private static void collect(SearchKey key, int depth, List<SearchKey> found) {
        if (depth > MAX_DEPTH || found.size() >= MAX_KEYS) {
            return;
        }
        switch (key.getKeyCase()) {
            case HEADER, BODY, TEXT -> found.add(key);
            case NOT -> collect(key.getNot(), depth + 1, found);
            case ALL_OF -> key.getAllOf().getKeysList().forEach(k -> collect(k, depth + 1, found));
            case ANY_OF -> key.getAnyOf().getKeysList().forEach(k -> collect(k, depth + 1, found));
            default -> {
                // not a content key
            }
        }
    }

    /**
     * A query counting the blobs of any account whose search text matches the content key, up to
     * {@code $1}: fewer than the limit means the trigram index narrows the search well enough to
     * start from it.
     */
    public static Compiled probe(SearchKey contentKey) {
        SearchSql sql = new SearchSql(1, Set.of());
        String match = sql.match(contentKey);
        return new Compiled("SELECT count(*) FROM (SELECT 1 FROM storage.blob_search s WHERE (" + match
                + ") LIMIT $1) AS c", List.copyOf(sql.parameters));
    }

    private String condition(SearchKey key, int depth) {
        if (depth > MAX_DEPTH || ++keys > MAX_KEYS) {
            throw StorageException.invalidArgument("search key too complex");
        }
        return switch (key.getKeyCase()) {
            case ALL -> "TRUE";
            case UIDS -> uids(UidRanges.of(key.getUids()));
            case FLAG -> flag(key.getFlag().getFlag(), key.getFlag().getPresent());
            case HEADER, BODY, TEXT -> content(key);
            case INTERNAL_DATE -> date(INTERNAL_DAY, key.getInternalDate());
            case SENT_DATE -> date("m.sent_date", key.getSentDate());
            case SIZE -> "m.size " + (key.getSize().getLarger() ? ">" : "<") + " " + param(key.getSize().getOctets());
            case NOT -> "NOT (" + condition(key.getNot(), depth + 1) + ")";
            case ALL_OF -> join(key.getAllOf().getKeysList(), " AND ", "TRUE", depth);
            case ANY_OF -> join(key.getAnyOf().getKeysList(), " OR ", "FALSE", depth);
            case MODSEQ_AT_LEAST -> "m.modseq >= " + param(key.getModseqAtLeast());
            case EMAIL_ID -> emailId(key.getEmailId());
            default -> throw StorageException.invalidArgument("search key without a condition");
        };
    }

    private String join(List<SearchKey> keys, String operator, String empty, int depth) {
        if (keys.isEmpty()) {
            return empty;
        }
        List<String> parts = new ArrayList<>(keys.size());
        for (SearchKey k : keys) {
            parts.add("(" + condition(k, depth + 1) + ")");
        }
        return "(" + String.join(operator, parts) + ")";
    }

    /**
     * A UID set as one multirange: containment is a binary search per message. The ranges unnested
     * and compared one by one cost messages times ranges: imaptest's SEARCH with a sequence set of
     * 2,500 ranges over 10,000 messages passed the 10 s deadline.
     */
    private String uids(UidRanges ranges) {
        if (ranges.isEmpty()) {
            return "FALSE";
        }
        StringBuilder multirange = new StringBuilder(ranges.low().length * 14).append('{');
        for (int i = 0; i < ranges.low().length; i++) {
            multirange.append(i == 0 ? "[" : ",[").append(ranges.low()[i]).append(',').append(ranges.high()[i]).append(']');
        }
        return param(multirange.append('}').toString()) + "::int8multirange @> m.uid";
    }

    private String flag(String flag, boolean present) {
        String has;
        if (flag.startsWith("\\")) {
            SystemFlag system = SystemFlag.named(flag);
            if (system == null) {
                if (flag.equalsIgnoreCase("\\Recent")) {
                    return present ? "FALSE" : "TRUE"; // no message is recent to a stateless store
                }
                throw StorageException.invalidArgument("unknown system flag");
            }
            has = "(m.system_flags & " + system.bit() + ") <> 0";
        } else {
            has = "EXISTS (SELECT 1 FROM unnest(m.keywords) AS k WHERE lower(k) = lower(" + param(flag) + "))";
        }
        return present ? has : "NOT " + has;
    }

    /**
     * A content key's condition on the search text of the message's content ({@code storage.blob_search s},
     * one row per blob, ADR 11). As a semi-join: EXISTS, not IN: under NOT (an anti-join) or OR, IN
     * would collect every matching blob of every account into a hash first (1.25 s for NOT BODY "ab"
     * on a 1,000-message mailbox among 200,000 blobs), where EXISTS may look up each message's row by
     * its key (6 ms). Per message: a scalar subquery, which the planner cannot turn into a join.
     */
    private String content(SearchKey key) {
        String match = match(key);
        if (match.equals("TRUE")) {
            return match;
        }
        if (fromIndex.contains(key)) {
            return "EXISTS (SELECT 1 FROM storage.blob_search s WHERE s.sha256 = m.blob_sha256 AND (" + match + "))";
        }
        return "coalesce((SELECT (" + match + ") FROM storage.blob_search s WHERE s.sha256 = m.blob_sha256), FALSE)";
    }

    /** The condition on one search row {@code s}; "TRUE" when every message matches (empty text). */
    private String match(SearchKey key) {
        return switch (key.getKeyCase()) {
            case HEADER -> header(key.getHeader().getField(), key.getHeader().getValue());
            case BODY -> key.getBody().isEmpty() ? "TRUE" : bodyMatch(key.getBody());
            // BODY or a case-insensitive substring of the decoded header lines (ILIKE lower-cases both sides)
            case TEXT -> key.getText().isEmpty() ? "TRUE"
                    : "(" + bodyMatch(key.getText()) + " OR s.search_headers ILIKE "
                            + param("%" + likeLiteral(key.getText()) + "%") + ")";
            default -> throw new IllegalArgumentException("not a content key: " + key.getKeyCase());
        };
    }

    /** A line "Field: ...value..." of the decoded header lines, both compared case-insensitively. */
    private String header(String field, String value) {
        if (field.isEmpty() || field.chars().anyMatch(c -> c <= 32 || c >= 127 || c == ':')) {
            throw StorageException.invalidArgument("invalid header field name");
        }
        String pattern = "(^|\n)" + regexLiteral(field) + ":[^\n]*" + regexLiteral(value);
        Optional<String> token = field.equalsIgnoreCase("Message-ID") ? MessageIdTokens.searchable(value)
                : Optional.empty();
        if (token.isPresent()) {
            // the same messages as the pattern (MessageIdTokens); a row without tokens is matched by it
            return "(s.message_ids @> ARRAY[" + param(token.get()) + "::text] OR (s.message_ids IS NULL"
                    + " AND s.search_headers ~* " + param(pattern) + "))";
        }
        return "s.search_headers ~* " + param(pattern);
    }

    /**
     * IMAP's case-insensitive substring match on the decoded body text (the trigram index on
     * {@code search_body} serves it from the index side). Content stored before {@code search_body}
     * existed falls back to its words, which finds whole words only.
     */
    private String bodyMatch(String text) {
        String like = "%" + likeLiteral(SearchText.folded(text)) + "%";
        String words = "plainto_tsquery('simple', " + param(text) + ")";
        return "s.search_body LIKE " + param(like) + " OR (s.search_body IS NULL AND (numnode(" + words
                + ") = 0 OR s.search_text @@ " + words + "))";
    }

    /** {@code text} as a LIKE pattern that matches it literally (backslash is LIKE's default escape). */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String date(String column, DateCondition condition) {
        LocalDate day;
        try {
            day = LocalDate.parse(condition.getDate());
        } catch (DateTimeParseException e) {
            throw StorageException.invalidArgument("date must be yyyy-mm-dd");
        }
        String operator = switch (condition.getOp()) {
            case ON -> "=";
            case BEFORE -> "<";
            case SINCE -> ">=";
            default -> throw StorageException.invalidArgument("unknown date operator");
        };
        return column + " " + operator + " " + param(day);
    }

    /** RFC 8474: an EMAILID names the messages whose content hash starts with its bytes. */
    private String emailId(String emailId) {
        byte[] prefix = io.mailserver.storage.message.model.EmailId.prefix(emailId);
        if (prefix == null) {
            return "FALSE";
        }
        return "substring(m.blob_sha256 from 1 for " + prefix.length + ") = "
                + param(io.vertx.core.buffer.Buffer.buffer(prefix));
    }

    private String param(Object value) {
        parameters.add(value);
        return "$" + (parameters.size() + offset);
    }

    /** Escapes every ASCII punctuation character, so the text matches itself in a PostgreSQL ARE. */
    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
