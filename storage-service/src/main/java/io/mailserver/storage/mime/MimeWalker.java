package io.mailserver.storage.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a raw message once and finds every entity's header, body and end offsets: multipart
 * boundaries (RFC 2046 §5.1.1) and message/rfc822 nesting, to a bounded depth and part count.
 * It never throws on malformed input: a multipart without a usable boundary, and anything nested
 * deeper than the limit, is treated as text/plain.
 */
public final class MimeWalker {

    /** Header fields recorded per entity; a header with more is still walked to its end. */
    private static final int MAX_FIELDS = 10_000;

    private final byte[] raw;
    private final int maxDepth;
    private final int maxParts;
    private int parts;

    private MimeWalker(byte[] raw, int maxDepth, int maxParts) {
        this.raw = raw;
        this.maxDepth = maxDepth;
        this.maxParts = maxParts;
    }

    /** The whole message as its root entity. */
    public static MimePart walk(byte[] raw, int maxDepth, int maxParts) {
        return new MimeWalker(raw, maxDepth, maxParts).entity(0, raw.length, 0, ContentType.TEXT_PLAIN);
    }

    private MimePart entity(int start, int end, int depth, ContentType defaultType) {
        parts++;
        HeaderBlock header = HeaderBlock.parse(raw, start, end, MAX_FIELDS);
        int bodyOffset = Math.min(header.bodyOffset(), end);
        ContentType type = header.value("Content-Type")
                .map(v -> ContentType.parse(v, ContentType.TEXT_PLAIN))
                .orElse(defaultType);
        boolean tooDeep = depth >= maxDepth;
        if (type.isMultipart()) {
            if (tooDeep) {
                return leaf(start, bodyOffset, end, header, ContentType.TEXT_PLAIN);
            }
            List<int[]> ranges = boundaries(type, bodyOffset, end);
            if (ranges.isEmpty()) {
                return leaf(start, bodyOffset, end, header, ContentType.TEXT_PLAIN);
            }
            ContentType childDefault = type.subtype().equalsIgnoreCase("digest")
                    ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
            List<MimePart> children = new ArrayList<>(ranges.size());
            for (int[] range : ranges) {
                if (parts >= maxParts) {
                    break;
                }
                children.add(entity(range[0], range[1], depth + 1, childDefault));
            }
            return new MimePart(start, bodyOffset, end, header, type, List.copyOf(children), null);
        }
        if (type.isMessage()) {
            if (tooDeep || parts >= maxParts) {
                return leaf(start, bodyOffset, end, header, ContentType.TEXT_PLAIN);
            }
            MimePart message = entity(bodyOffset, end, depth + 1, ContentType.TEXT_PLAIN);
            return new MimePart(start, bodyOffset, end, header, type, List.of(), message);
        }
        return leaf(start, bodyOffset, end, header, type);
    }

    private static MimePart leaf(int start, int bodyOffset, int end, HeaderBlock header, ContentType type) {
        return new MimePart(start, bodyOffset, end, header, type, List.of(), null);
    }

    /**
     * The [start, end) ranges of the body parts between the delimiter lines. The line break before a
     * delimiter belongs to the delimiter (RFC 2046 §5.1.1), so it is not part of the preceding part.
     * Without a close delimiter the last part runs to the end of the multipart body.
     */
    private List<int[]> boundaries(ContentType type, int bodyStart, int end) {
        String boundary = type.parameter("boundary").orElse("");
        if (boundary.isEmpty() || boundary.length() > 200) {
            return List.of();
        }
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        int line = bodyStart;
        while (line < end) {
            int lf = HeaderBlock.indexOf(raw, (byte) '\n', line, end);
            int next = lf < 0 ? end : lf + 1;
            int delimiter = delimiterKind(dash, line, lf < 0 ? end : lf);
            if (delimiter != 0) {
                if (partStart >= 0) {
                    ranges.add(new int[] {partStart, Math.max(partStart, lineBreakBefore(line, bodyStart))});
                }
                if (delimiter == 2) {
                    return ranges;
                }
                partStart = next;
            }
            line = next;
        }
        if (partStart >= 0) {
            ranges.add(new int[] {Math.min(partStart, end), end});
        }
        return ranges;
    }

    /** 1 for a delimiter line, 2 for the close delimiter, 0 for any other line. */
    private int delimiterKind(byte[] dash, int from, int lineEnd) {
        if (lineEnd - from < dash.length) {
            return 0;
        }
        for (int i = 0; i < dash.length; i++) {
            if (raw[from + i] != dash[i]) {
                return 0;
            }
        }
        int pos = from + dash.length;
        int kind = 1;
        if (pos + 2 <= lineEnd && raw[pos] == '-' && raw[pos + 1] == '-') {
            kind = 2;
            pos += 2;
        }
        for (; pos < lineEnd; pos++) {
            byte b = raw[pos];
            if (b != ' ' && b != '\t' && b != '\r') {
                return 0; // a longer boundary that merely starts with this one
            }
        }
        return kind;
    }

    /** Where the line break before the line at {@code line} starts (CRLF or LF), not before {@code floor}. */
    private int lineBreakBefore(int line, int floor) {
        int p = line;
        if (p > floor && raw[p - 1] == '\n') {
            p--;
            if (p > floor && raw[p - 1] == '\r') {
                p--;
            }
        }
        return p;
    }
}
