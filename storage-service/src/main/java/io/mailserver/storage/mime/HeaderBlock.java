package io.mailserver.storage.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The header of one entity (a message or a MIME part), found by walking lines from its first byte to
 * the first empty line. Lenient by design: a line that cannot start a field (no colon, a space in the
 * name) ends the header and starts the body, and a header without an empty line runs to the end.
 * CRLF and bare LF are both accepted as line breaks.
 */
public final class HeaderBlock {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final byte[] raw;
    private final int bodyOffset;
    private final List<HeaderField> fields;

    private HeaderBlock(byte[] raw, int bodyOffset, List<HeaderField> fields) {
        this.raw = raw;
        this.bodyOffset = bodyOffset;
        this.fields = fields;
    }

    /**
     * @param maxFields fields recorded at most; further lines are still walked to find the body
     */
    public static HeaderBlock parse(byte[] raw, int start, int end, int maxFields) {
        List<HeaderField> fields = new ArrayList<>();
        String name = null;
        int fieldStart = -1;
        int valueStart = -1;
        int fieldEnd = -1;
        int pos = start;
        int bodyOffset = end;
        while (pos < end) {
            int lf = indexOf(raw, LF, pos, end);
            int next = lf < 0 ? end : lf + 1;
            int contentEnd = lf < 0 ? end : (lf > pos && raw[lf - 1] == CR ? lf - 1 : lf);
            if (contentEnd == pos && lf >= 0) {
                bodyOffset = next;
                break;
            }
            byte first = raw[pos];
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    fieldEnd = next;
                }
                pos = next;
                continue;
            }
            int colon = indexOf(raw, (byte) ':', pos, contentEnd);
            String candidate = colon < 0 ? null : fieldName(raw, pos, colon);
            if (candidate == null) {
                bodyOffset = pos;
                break;
            }
            if (name != null && fields.size() < maxFields) {
                fields.add(new HeaderField(name, fieldStart, valueStart, fieldEnd));
            }
            name = candidate;
            fieldStart = pos;
            valueStart = colon + 1;
            fieldEnd = next;
            pos = next;
        }
        if (name != null && fields.size() < maxFields) {
            fields.add(new HeaderField(name, fieldStart, valueStart, fieldEnd));
        }
        return new HeaderBlock(raw, bodyOffset, Collections.unmodifiableList(fields));
    }

    /** The field name before a colon, or null when the line cannot be a header field. */
    private static String fieldName(byte[] raw, int from, int colon) {
        int end = colon;
        while (end > from && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
            end--; // RFC 5322 §4.5.3 obsolete syntax allows white space before the colon
        }
        if (end == from) {
            return null;
        }
        for (int i = from; i < end; i++) {
            int b = raw[i] & 0xff;
            if (b < 33 || b > 126) {
                return null;
            }
        }
        return new String(raw, from, end - from, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static int indexOf(byte[] raw, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** Offset of the first body byte: after the empty line, or the end when there is none. */
    public int bodyOffset() {
        return bodyOffset;
    }

    public Optional<HeaderField> first(String name) {
        for (HeaderField field : fields) {
            if (field.is(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** The unfolded value of the first field with this name, trimmed; empty when absent. */
    public Optional<String> value(String name) {
        return first(name).map(this::value);
    }

    /** RFC 5322 §2.2.3 unfolding: the line breaks go, the white space that follows them stays. */
    public String value(HeaderField field) {
        return HeaderText.decode(raw, field.valueStart(), field.end(), true).strip();
    }
}
