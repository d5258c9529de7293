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
 * Finds an IMAP body section (RFC 9051 §6.4.5 BODY[section]&lt;partial&gt;) in a raw message, using the
 * offsets stored in its body structure: as a {@link Plan} (a byte range to stream from the blob, or
 * header fields to pick from one), or cut out of bytes at hand (the stored top-level header). Part paths number the parts of a multipart from 1; a
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

    /**
     * Where a section lies in the raw message, decided from the body structure alone so the body can
     * be streamed from its blob: a byte range, or header fields to be picked out of a byte range.
     */
    public sealed interface Plan {

        /** Raw bytes {@code [from, to)}, the partial already applied. */
        record Range(long from, long to) implements Plan {

            public long length() {
                return Math.max(0, to - from);
            }
        }

        /**
         * The fields named (or, when {@code matching} is false, the others) of the header in raw bytes
         * {@code [from, to)}; the partial applies to what they make.
         */
        record Fields(long from, long to, List<String> names, boolean matching) implements Plan {
        }
    }

    /** The plan of {@code section} in a message of {@code rawSize} bytes with structure {@code root}. */
    public static Plan plan(BodySection section, BodyPart root, long rawSize) {
        Plan plan = locate(section, root, rawSize);
        if (plan instanceof Plan.Range range && section.hasPartial()) {
            return partial(range, section.getPartial().getOffset(), section.getPartial().getLength());
        }
        return plan;
    }

    /** The header fields a {@link Plan.Fields} names, from the header bytes it covers, the partial applied. */
    public static Slice pickFields(BodySection section, Plan.Fields plan, byte[] header) {
        return withPartial(section, fields(header, 0, header.length, plan.names(), plan.matching()));
    }

    private static Plan locate(BodySection section, BodyPart root, long rawSize) {
        if (section.getPart().isEmpty()) {
            return switch (section.getText()) {
                case CONTENT -> new Plan.Range(0, rawSize);
                case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> header(section, 0, clamp(root.getBodyOffset(), rawSize));
                case TEXT -> new Plan.Range(clamp(root.getBodyOffset(), rawSize), rawSize);
                default -> NOTHING; // MIME of the whole message does not exist
            };
        }
        Optional<BodyPart> found = resolve(root, section.getPart());
        if (found.isEmpty()) {
            return NOTHING;
        }
        BodyPart part = found.get();
        return switch (section.getText()) {
            case CONTENT -> range(part.getBodyOffset(), part.getEndOffset(), rawSize);
            case MIME -> range(part.getHeaderOffset(), part.getBodyOffset(), rawSize);
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> part.hasMessageBody()
                    ? header(section, clamp(part.getMessageBody().getHeaderOffset(), rawSize),
                            clamp(part.getMessageBody().getBodyOffset(), rawSize))
                    : NOTHING;
            case TEXT -> part.hasMessageBody()
                    ? range(part.getMessageBody().getBodyOffset(), part.getMessageBody().getEndOffset(), rawSize)
                    : NOTHING;
            default -> NOTHING;
        };
    }

    private static final Plan.Range NOTHING = new Plan.Range(0, 0);

    private static Plan header(BodySection section, long from, long to) {
        return switch (section.getText()) {
            case HEADER_FIELDS -> new Plan.Fields(from, Math.max(from, to), section.getHeaderFieldsList(), true);
            case HEADER_FIELDS_NOT -> new Plan.Fields(from, Math.max(from, to), section.getHeaderFieldsList(), false);
            default -> new Plan.Range(from, Math.max(from, to));
        };
    }

    private static Plan.Range range(long from, long to, long rawSize) {
        long start = clamp(from, rawSize);
        return new Plan.Range(start, Math.max(start, clamp(to, rawSize)));
    }

    private static long clamp(long offset, long rawSize) {
        return Math.max(0, Math.min(offset, rawSize));
    }

    /** IMAP &lt;offset.length&gt; on a range; an offset past the end gives nothing. */
    private static Plan.Range partial(Plan.Range range, long offset, long length) {
        if (offset < 0 || offset >= range.length()) {
            return NOTHING;
        }
        long start = range.from() + offset;
        // length is an unsigned 64-bit value on the wire: a negative long means "very long"
        long end = length < 0 || length > range.to() - start ? range.to() : start + length;
        return new Plan.Range(start, end);
    }

    /**
     * Where IMAP BINARY[part] lies: the part's raw content (no partial applied: that counts in
     * decoded octets) and the Content-Transfer-Encoding covering it. The whole message (part "")
     * and a multipart are taken as they are; a part that does not exist is empty.
     */
    public record Binary(Plan.Range raw, String encoding) {
    }

    public static Binary binary(String part, BodyPart root, long rawSize) {
        if (part.isEmpty()) {
            return new Binary(new Plan.Range(0, rawSize), "");
        }
        Optional<BodyPart> found = resolve(root, part);
        if (found.isEmpty()) {
            return new Binary(NOTHING, "");
        }
        BodyPart node = found.get();
        String encoding = node.getType().equalsIgnoreCase("multipart") ? "" : node.getEncoding();
        return new Binary(range(node.getBodyOffset(), node.getEndOffset(), rawSize), encoding);
    }

    /** Whether the section is the top-level header or fields of it, so the stored header suffices. */
    public static boolean headerOnly(BodySection section) {
        return !section.getBinary() && section.getPart().isEmpty() && switch (section.getText()) {
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> true;
            default -> false;
        };
    }

    /** A header-only section cut from the stored top-level header. */
    public static Slice fromHeader(BodySection section, byte[] header) {
        return withPartial(section, headerText(section, header, 0, header.length));
    }

    /** Any section cut from the raw message at hand (tests; the fetch path streams by {@link #plan}). */
    public static Slice fromMessage(BodySection section, BodyPart root, byte[] raw) {
        Plan plan = plan(section, root, raw.length);
        if (plan instanceof Plan.Range range) {
            return new Slice(raw, (int) range.from(), (int) range.to());
        }
        Plan.Fields fields = (Plan.Fields) plan;
        return withPartial(section, fields(raw, (int) fields.from(), (int) fields.to(), fields.names(), fields.matching()));
    }

    private static Slice withPartial(BodySection section, Slice slice) {
        return section.hasPartial() ? slice.partial(section.getPartial().getOffset(), section.getPartial().getLength()) : slice;
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
}
