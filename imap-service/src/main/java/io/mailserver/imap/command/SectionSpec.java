package io.mailserver.imap.command;

import java.util.List;

/**
 * A body section (RFC 9051 §6.4.5 {@code section-spec}).
 *
 * @param part   MIME part path ("" for the whole message, "1", "2.1")
 * @param text   which piece of the part
 * @param fields header field names for HEADER.FIELDS and HEADER.FIELDS.NOT, as the client sent them
 */
public record SectionSpec(String part, Text text, List<String> fields) {

    public enum Text {
        CONTENT(""), HEADER("HEADER"), HEADER_FIELDS("HEADER.FIELDS"), HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"), MIME("MIME");

        private final String keyword;

        Text(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public static final SectionSpec WHOLE = new SectionSpec("", Text.CONTENT, List.of());

    public SectionSpec {
        fields = List.copyOf(fields);
    }

    /** The text between the brackets, as echoed in the response. */
    public String label() {
        StringBuilder out = new StringBuilder(part);
        if (text != Text.CONTENT) {
            if (!part.isEmpty()) {
                out.append('.');
            }
            out.append(text.keyword());
        }
        if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
            out.append(" (").append(String.join(" ", fields)).append(')');
        }
        return out.toString();
    }
}
