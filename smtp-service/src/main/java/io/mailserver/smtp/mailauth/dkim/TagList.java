package io.mailserver.smtp.mailauth.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 6376 §3.2 tag=value list, as both DKIM-Signature fields and key records carry. The input comes
 * from strangers, so its size and tag count are bounded and every irregularity is a
 * {@link DkimSyntaxException}, never a runtime exception.
 */
final class TagList {

    /** Far above a real signature (a 4096-bit b= and a long h= fit in 2 KiB) and small enough to scan. */
    static final int MAX_LENGTH = 16 * 1024;
    static final int MAX_TAGS = 64;

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /**
     * Parses {@code text}, which holds one character per byte (ISO-8859-1 decoded) so 8-bit content
     * passes through unchanged. Values keep inner folding whitespace; callers that need it gone (b=, bh=,
     * p=, h=) strip it, because the grammar allows it there.
     */
    static TagList parse(String text) throws DkimSyntaxException {
        if (text == null) {
            throw new DkimSyntaxException("no tag list");
        }
        if (text.length() > MAX_LENGTH) {
            throw new DkimSyntaxException("tag list longer than " + MAX_LENGTH);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int semicolon = text.indexOf(';', start);
            int end = semicolon < 0 ? text.length() : semicolon;
            String spec = text.substring(start, end);
            if (!isBlank(spec)) {
                addTag(tags, spec);
            }
            if (semicolon < 0) {
                break;
            }
            start = semicolon + 1;
        }
        if (tags.isEmpty()) {
            throw new DkimSyntaxException("empty tag list");
        }
        return new TagList(tags);
    }

    private static void addTag(Map<String, String> tags, String spec) throws DkimSyntaxException {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            throw new DkimSyntaxException("tag without '=': " + shown(spec));
        }
        String name = trimFws(spec.substring(0, equals));
        if (!isTagName(name)) {
            throw new DkimSyntaxException("bad tag name: " + shown(name));
        }
        String value = trimFws(spec.substring(equals + 1));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f) {
                throw new DkimSyntaxException("control character in tag " + shown(name));
            }
        }
        if (tags.size() >= MAX_TAGS) {
            throw new DkimSyntaxException("more than " + MAX_TAGS + " tags");
        }
        if (tags.putIfAbsent(name, value) != null) {
            throw new DkimSyntaxException("duplicate tag " + shown(name)); // RFC 6376 §3.2
        }
    }

    /** A tag name: ALPHA *(ALPHA / DIGIT / "_"); tag names are case-sensitive. */
    private static boolean isTagName(String name) {
        if (name.isEmpty() || name.length() > 32 || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFws(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String trimFws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isFws(s.charAt(from))) {
            from++;
        }
        while (to > from && isFws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** {@code s} with every folding whitespace character removed, as base64 tags need. */
    static String withoutFws(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!isFws(s.charAt(i))) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** Enough of hostile text to explain a permerror without echoing all of it into logs and headers. */
    private static String shown(String s) {
        String printable = s.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() <= 20 ? printable : printable.substring(0, 20) + "...";
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    String require(String name) throws DkimSyntaxException {
        String value = tags.get(name);
        if (value == null) {
            throw new DkimSyntaxException("missing required tag " + name + "=");
        }
        return value;
    }

    /** The tag names in their order of appearance: a key record's v= must come first. */
    Iterable<String> names() {
        return tags.keySet();
    }

    int size() {
        return tags.size();
    }
}
