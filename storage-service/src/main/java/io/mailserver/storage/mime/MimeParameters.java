package io.mailserver.storage.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * Structured header values such as Content-Type and Content-Disposition ({@code value; name=value}),
 * tokenized by mime4j. RFC 2231 continuations ({@code name*0}, {@code name*1*}) are merged into one
 * parameter, and an extended value keeps its {@code charset'language'percent-encoded} form under the
 * name {@code name*}: IMAP BODYSTRUCTURE carries parameter values as 7-bit strings and leaves the
 * decoding to the client, as other IMAP servers do.
 */
public final class MimeParameters {

    private static final Pattern SECTION = Pattern.compile("(.+?)\\*(\\d{1,3})(\\*?)");

    private MimeParameters() {
    }

    /** The value before the first ';' and the parameters after it. */
    public record Structured(String value, List<MimeParameter> parameters) {
    }

    public static Structured parse(String fieldName, String unfoldedValue) {
        try {
            RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField(fieldName, unfoldedValue));
            String value = body.getValue() == null ? "" : body.getValue().strip();
            return new Structured(value, merge(body.getParams()));
        } catch (RuntimeException e) {
            // mime4j's lenient parser does not throw on bad input, but a delivery must never fail here
            return new Structured("", List.of());
        }
    }

    static List<MimeParameter> merge(List<NameValuePair> pairs) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (NameValuePair pair : pairs) {
            String name = pair.getName() == null ? "" : pair.getName().strip();
            if (name.isEmpty()) {
                continue;
            }
            String value = pair.getValue() == null ? "" : pair.getValue();
            Matcher section = SECTION.matcher(name);
            if (section.matches()) {
                String base = section.group(1);
                String key = base.toLowerCase(Locale.ROOT);
                Object existing = byName.get(key);
                Continuation continuation;
                if (existing instanceof Continuation c) {
                    continuation = c;
                } else if (existing == null) {
                    continuation = new Continuation(base);
                    byName.put(key, continuation);
                } else {
                    continue; // a plain parameter of the same name came first and wins
                }
                int index = Integer.parseInt(section.group(2));
                continuation.sections.putIfAbsent(index, value);
                if (index == 0 && !section.group(3).isEmpty()) {
                    continuation.extended = true;
                }
            } else {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), new MimeParameter(name, value));
            }
        }
        List<MimeParameter> merged = new ArrayList<>(byName.size());
        for (Object entry : byName.values()) {
            if (entry instanceof MimeParameter p) {
                merged.add(p);
            } else {
                Continuation c = (Continuation) entry;
                StringBuilder value = new StringBuilder();
                c.sections.values().forEach(value::append);
                merged.add(new MimeParameter(c.extended ? c.base + "*" : c.base, value.toString()));
            }
        }
        return merged;
    }

    private static final class Continuation {
        final String base;
        final TreeMap<Integer, String> sections = new TreeMap<>();
        boolean extended;

        Continuation(String base) {
            this.base = base;
        }
    }
}
