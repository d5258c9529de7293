package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.Envelope;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Parses a raw message once, at delivery or append, into a {@link ParsedMessage}. CPU-bound: call it
 * on a worker thread, never on an event loop. It never fails: whatever cannot be understood becomes
 * text/plain, and should the walk itself break, the whole message is described as one text/plain body.
 */
public final class MessageParser {

    private static final Logger LOG = Logger.getLogger(MessageParser.class);
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})[A-Za-z]*\\.?\\s+(\\d{2,4})");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    /** Bounds of one parse. */
    public record Limits(int maxDepth, int maxParts, int searchHeaders, int indexText) {
    }

    private final Limits limits;

    public MessageParser(Limits limits) {
        this.limits = limits;
    }

    public ParsedMessage parse(byte[] raw) {
        try {
            MimePart root = MimeWalker.walk(raw, limits.maxDepth(), limits.maxParts());
            String body = SearchText.body(root, raw, limits.indexText());
            return new ParsedMessage(
                    EnvelopeBuilder.build(root.header()),
                    BodyStructureBuilder.build(root, raw),
                    root.bodyOffset(),
                    SearchText.headers(root.header(), limits.searchHeaders()),
                    SearchText.folded(body),
                    root.header().value("Date").map(MessageParser::sentDate).orElse(null),
                    Preview.of(body));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warnf("message structure not understood, stored as text/plain: %s", e.toString());
            return new ParsedMessage(Envelope.getDefaultInstance(),
                    BodyStructureBuilder.plainText(0, raw.length), 0, "", "", null, "");
        }
    }

    /**
     * The calendar date of an RFC 5322 Date value as written, time and zone disregarded
     * (RFC 9051 §6.4.4 SENTBEFORE/SENTON/SENTSINCE); null when none can be read.
     */
    static LocalDate sentDate(String value) {
        Matcher m = DATE.matcher(value);
        if (!m.find()) {
            return null;
        }
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() <= 2) {
            year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3 two-digit years
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            return LocalDate.of(year, month, Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
