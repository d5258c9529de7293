package io.mailserver.imap.command;

/** One item of a FETCH (RFC 9051 §6.4.5 {@code fetch-att}). */
public sealed interface FetchAttribute permits FetchAttribute.MessageItem, FetchAttribute.SectionItem,
        FetchAttribute.BinarySize {

    /** Items computed at delivery and answered from the message attributes. */
    enum MessageItem implements FetchAttribute {
        FLAGS, UID, INTERNALDATE, RFC822_SIZE, ENVELOPE,
        /** The non-extensible BODY: BODYSTRUCTURE without extension data. */
        BODY,
        BODYSTRUCTURE,
        /** RFC 7162 CONDSTORE: the message's mod-sequence. */
        MODSEQ,
        /** RFC 8474 OBJECTID: the content's id, kept by copies and moves. */
        EMAILID,
        /** RFC 8474 OBJECTID: threads have no id here, so always NIL (which the RFC allows). */
        THREADID,
        /** RFC 8970: up to 256 characters of the body text, kept since delivery ({@code (LAZY)} changes nothing). */
        PREVIEW
    }

    /** How a section item is named in the request and in the response. */
    enum Form {
        /** {@code BODY[section]<partial>} and {@code BODY.PEEK[...]}. */
        BODY,
        /** {@code RFC822}: the whole message; sets \Seen. */
        RFC822,
        /** {@code RFC822.HEADER}: the header, like BODY.PEEK[HEADER]. */
        RFC822_HEADER,
        /** {@code RFC822.TEXT}: the body, like BODY[TEXT]; sets \Seen. */
        RFC822_TEXT,
        /**
         * RFC 3516 {@code BINARY[part]<partial>} and {@code BINARY.PEEK[...]}: the part's content with
         * its Content-Transfer-Encoding removed; the section is part numbers only.
         */
        BINARY
    }

    /** RFC 3516 {@code BINARY.SIZE[part]}: the size of what BINARY[part] would return. */
    record BinarySize(String part) implements FetchAttribute {

        public String responseLabel() {
            return "BINARY.SIZE[" + part + "]";
        }
    }

    /**
     * Section data of the message.
     *
     * @param section       which bytes
     * @param partialOffset first octet of a partial fetch, or -1 for the whole section
     * @param partialLength octets of a partial fetch (ignored without an offset)
     * @param peek          true when fetching must not set \Seen
     */
    record SectionItem(Form form, SectionSpec section, long partialOffset, long partialLength, boolean peek)
            implements FetchAttribute {

        public boolean partial() {
            return partialOffset >= 0;
        }

        /** The item name of the response: {@code BODY[1.2.HEADER]<0>} (no length: RFC 9051 §7.5.2). */
        public String responseLabel() {
            return switch (form) {
                case RFC822 -> "RFC822";
                case RFC822_HEADER -> "RFC822.HEADER";
                case RFC822_TEXT -> "RFC822.TEXT";
                case BODY -> "BODY[" + section.label() + "]" + (partial() ? "<" + partialOffset + ">" : "");
                case BINARY -> "BINARY[" + section.label() + "]" + (partial() ? "<" + partialOffset + ">" : "");
            };
        }
    }
}
