package io.mailserver.smtp.mailauth.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code dmarc=} entries of an Authentication-Results value (RFC 8601 §2.2) as another server wrote
 * it: comments dropped (nested, with quoted-pairs), quoted strings kept whole, entries split on the
 * semicolons outside both. A sealer echoes values a sender chose ({@code smtp.mailfrom}, {@code
 * smtp.helo}), so text inside them must never read as an entry of its own.
 */
final class ResultsEntries {

    private static final Pattern DMARC = Pattern.compile("(?i)dmarc\\s*=\\s*([a-z]+)(?:\\s+(.*))?", Pattern.DOTALL);
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)header\\.from\\s*=\\s*\"?([A-Za-z0-9._-]{1,253})\"?");

    private ResultsEntries() {
    }

    /**
     * For each {@code header.from} domain a {@code dmarc=} entry names, lower-cased: whether every such
     * entry says {@code pass}.
     */
    static Map<String, Boolean> dmarcByFrom(String value) {
        Map<String, Boolean> byDomain = new HashMap<>();
        for (String entry : entries(value)) {
            Matcher dmarc = DMARC.matcher(entry.strip());
            if (!dmarc.matches()) {
                continue;
            }
            boolean pass = dmarc.group(1).equalsIgnoreCase("pass");
            for (String property : tokens(dmarc.group(2) == null ? "" : dmarc.group(2))) {
                Matcher from = HEADER_FROM.matcher(property);
                if (from.matches()) {
                    byDomain.merge(from.group(1).toLowerCase(Locale.ROOT), pass, Boolean::logicalAnd);
                }
            }
        }
        return byDomain;
    }

    /** The value's entries, comments gone, quoted strings whole. */
    static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    entry.append(' ');
                }
            } else if (quoted) {
                entry.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    entry.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '(') {
                depth = 1;
            } else if (c == '"') {
                quoted = true;
                entry.append(c);
            } else if (c == ';') {
                entries.add(entry.toString());
                entry.setLength(0);
            } else {
                entry.append(c);
            }
        }
        entries.add(entry.toString());
        return entries;
    }

    /** Whitespace-separated tokens outside quoted strings. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                token.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    token.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (Character.isWhitespace(c)) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                quoted = c == '"';
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
