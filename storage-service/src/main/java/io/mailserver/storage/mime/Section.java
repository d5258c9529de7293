package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.BodySection;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts an IMAP body section (RFC 9051 §6.4.5 BODY[section]&lt;partial&gt;) out of a raw message, using
 * the offsets stored in its body structure. Part paths number the parts of a multipart from 1; a
 * message/rfc822 part's sub-parts are those of the encapsulated message; a non-multipart message has
 * part "1" = its body. A section that does not exist is empty.
 */
public final class Section {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_FIELDS = 10_000;

    private Section() {
    }

    /** A range of a byte array; cut without copying. */
    public record Slice(byte[] bytes, int from, int to) {

        public static final Slice EMPTY = new Slice(new byte[0], 0, 0);

        public int length() {
            return to - from;
        }

        /** IMAP &lt;offset.length&gt;, applied after the section is cut; an offset past the end gives nothing. */
        public Slice partial(long offset, long length) {
            if (offset < 0 || offset >= length()) {
                return EMPTY;
            }
            int start = from + (int) offset;
            // length is an unsigned 64-bit value on the wire: a negative long means "very long"
            long end = length < 0 || length > to - start ? to : start + length;
            return new Slice(bytes, start, (int) end);
        }
    }

    /** Whether the section is the top-level header or fields of it, so the stored header suffices. */
    public static boolean headerOnly(BodySection section) {
        return section.getPart().isEmpty() && switch (section.getText()) {
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> true;
            default -> false;
        };
    }

    /** A header-only section cut from the stored top-level header. */
    public static Slice fromHeader(BodySection section, byte[] header) {
        return withPartial(section, headerText(section, header, 0, header.length));
    }

    /** Any section cut from the raw message. */
    public static Slice fromMessage(BodySection section, BodyPart root, byte[] raw) {
        return withPartial(section, cut(section, root, raw));
    }

    private static Slice withPartial(BodySection section, Slice slice) {
        return section.hasPartial() ? slice.partial(section.getPartial().getOffset(), section.getPartial().getLength()) : slice;
    }

    private static Slice cut(BodySection section, BodyPart root, byte[] raw) {
        if (section.getPart().isEmpty()) {
            return switch (section.getText()) {
                case CONTENT -> new Slice(raw, 0, raw.length);
                case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT ->
                        headerText(section, raw, 0, clamp(root.getBodyOffset(), raw));
                case TEXT -> new Slice(raw, clamp(root.getBodyOffset(), raw), raw.length);
                default -> Slice.EMPTY; // MIME of the whole message does not exist
            };
        }
        Optional<BodyPart> found = resolve(root, section.getPart());
        if (found.isEmpty()) {
            return Slice.EMPTY;
        }
        BodyPart part = found.get();
        return switch (section.getText()) {
            case CONTENT -> range(raw, part.getBodyOffset(), part.getEndOffset());
            case MIME -> range(raw, part.getHeaderOffset(), part.getBodyOffset());
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> part.hasMessageBody()
                    ? headerText(section, raw, clamp(part.getMessageBody().getHeaderOffset(), raw),
                            clamp(part.getMessageBody().getBodyOffset(), raw))
                    : Slice.EMPTY;
            case TEXT -> part.hasMessageBody()
                    ? range(raw, part.getMessageBody().getBodyOffset(), part.getMessageBody().getEndOffset())
                    : Slice.EMPTY;
            default -> Slice.EMPTY;
        };
    }

    /** The part a path like "2.1.3" names, if there is one. */
    public static Optional<BodyPart> resolve(BodyPart root, String path) {
        BodyPart node = null;
        for (String segment : path.split("\\.", -1)) {
            int n;
            try {
                n = Integer.parseInt(segment);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (n < 1) {
                return Optional.empty();
            }
            BodyPart container;
            boolean entity;
            if (node == null) {
                container = root;
                entity = true;
            } else if (node.hasMessageBody()) {
                container = node.getMessageBody();
                entity = true;
            } else {
                container = node;
                entity = false;
            }
            if (container.getType().equalsIgnoreCase("multipart") && container.getPartsCount() > 0) {
                if (n > container.getPartsCount()) {
                    return Optional.empty();
                }
                node = container.getParts(n - 1);
            } else if (entity && n == 1) {
                node = container;
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(node);
    }

    private static Slice headerText(BodySection section, byte[] raw, int from, int to) {
        return switch (section.getText()) {
            case HEADER_FIELDS -> fields(raw, from, to, section.getHeaderFieldsList(), true);
            case HEADER_FIELDS_NOT -> fields(raw, from, to, section.getHeaderFieldsList(), false);
            default -> new Slice(raw, from, Math.max(from, to));
        };
    }

    /** The matching (or, for .NOT, the other) fields in their original form, then the empty line. */
    private static Slice fields(byte[] raw, int from, int to, List<String> names, boolean matching) {
        Set<String> wanted = new HashSet<>();
        for (String name : names) {
            wanted.add(name.toLowerCase(Locale.ROOT));
        }
        HeaderBlock header = HeaderBlock.parse(raw, from, to, MAX_FIELDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField field : header.fields()) {
            if (wanted.contains(field.name().toLowerCase(Locale.ROOT)) == matching) {
                out.write(raw, field.start(), field.end() - field.start());
                if (raw[field.end() - 1] != '\n') {
                    out.write(CRLF, 0, 2); // the last field of a header without an empty line
                }
            }
        }
        out.write(CRLF, 0, 2);
        byte[] bytes = out.toByteArray();
        return new Slice(bytes, 0, bytes.length);
    }

    private static Slice range(byte[] raw, long from, long to) {
        int start = clamp(from, raw);
        return new Slice(raw, start, Math.max(start, clamp(to, raw)));
    }

    private static int clamp(long offset, byte[] raw) {
        return (int) Math.max(0, Math.min(offset, raw.length));
    }
}
