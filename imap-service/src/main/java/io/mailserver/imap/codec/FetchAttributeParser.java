package io.mailserver.imap.codec;

import io.mailserver.imap.command.FetchAttribute;
import io.mailserver.imap.command.FetchAttribute.Form;
import io.mailserver.imap.command.FetchAttribute.MessageItem;
import io.mailserver.imap.command.FetchAttribute.SectionItem;
import io.mailserver.imap.command.SectionSpec;
import java.util.ArrayList;
import java.util.List;

/** The FETCH item list (RFC 9051 §6.4.5): macros, a single item, or a parenthesised list. */
public final class FetchAttributeParser {

    private FetchAttributeParser() {
    }

    public static List<FetchAttribute> parse(TokenCursor cursor) throws SyntaxError {
        List<FetchAttribute> items = new ArrayList<>();
        if (cursor.peekOpen()) {
            cursor.open();
            do {
                items.add(attribute(cursor));
            } while (!cursor.peekClose());
            cursor.close();
            return items;
        }
        if (cursor.acceptKeyword("ALL")) {
            return List.of(MessageItem.FLAGS, MessageItem.INTERNALDATE, MessageItem.RFC822_SIZE, MessageItem.ENVELOPE);
        }
        if (cursor.acceptKeyword("FAST")) {
            return List.of(MessageItem.FLAGS, MessageItem.INTERNALDATE, MessageItem.RFC822_SIZE);
        }
        if (cursor.acceptKeyword("FULL")) {
            return List.of(MessageItem.FLAGS, MessageItem.INTERNALDATE, MessageItem.RFC822_SIZE, MessageItem.ENVELOPE,
                    MessageItem.BODY);
        }
        items.add(attribute(cursor));
        return items;
    }

    /** RFC 8970 §5: {@code [SP "(" preview-mod *(SP preview-mod) ")"]}, the only modifier being LAZY. */
    private static void previewModifiers(TokenCursor cursor) throws SyntaxError {
        if (!cursor.peekOpen()) {
            return;
        }
        cursor.open();
        do {
            if (!TokenCursor.upper(cursor.atom()).equals("LAZY")) {
                throw new SyntaxError("Unknown PREVIEW modifier");
            }
        } while (!cursor.peekClose());
        cursor.close();
    }

    private static FetchAttribute attribute(TokenCursor cursor) throws SyntaxError {
        String word = cursor.word();
        String upper = TokenCursor.upper(word);
        switch (upper) {
            case "MODSEQ":
                return FetchAttribute.MessageItem.MODSEQ;
            case "EMAILID":
                return MessageItem.EMAILID;
            case "THREADID":
                return MessageItem.THREADID;
            case "PREVIEW":
                previewModifiers(cursor);
                return MessageItem.PREVIEW;
            case "FLAGS":
                return MessageItem.FLAGS;
            case "UID":
                return MessageItem.UID;
            case "INTERNALDATE":
                return MessageItem.INTERNALDATE;
            case "RFC822.SIZE":
                return MessageItem.RFC822_SIZE;
            case "ENVELOPE":
                return MessageItem.ENVELOPE;
            case "BODY":
                return MessageItem.BODY;
            case "BODYSTRUCTURE":
                return MessageItem.BODYSTRUCTURE;
            case "RFC822":
                return new SectionItem(Form.RFC822, SectionSpec.WHOLE, -1, 0, false);
            case "RFC822.HEADER":
                return new SectionItem(Form.RFC822_HEADER, new SectionSpec("", SectionSpec.Text.HEADER, List.of()),
                        -1, 0, true);
            case "RFC822.TEXT":
                return new SectionItem(Form.RFC822_TEXT, new SectionSpec("", SectionSpec.Text.TEXT, List.of()), -1, 0,
                        false);
            default:
                break;
        }
        if (upper.startsWith("BINARY")) {
            return binary(word, upper);
        }
        boolean peek;
        String rest;
        if (upper.startsWith("BODY[")) {
            peek = false;
            rest = word.substring(5);
        } else if (upper.startsWith("BODY.PEEK[")) {
            peek = true;
            rest = word.substring(10);
        } else {
            throw new SyntaxError("Unknown FETCH item");
        }
        int close = rest.indexOf(']');
        String spec;
        List<String> fields = List.of();
        String after;
        if (close >= 0) {
            spec = rest.substring(0, close);
            after = rest.substring(close + 1);
        } else {
            // "BODY[HEADER.FIELDS (A B)]": the list and the closing bracket are tokens of their own
            spec = rest;
            fields = headerList(cursor);
            String closing = cursor.word();
            if (!closing.startsWith("]")) {
                throw new SyntaxError("Expected ] after the header list");
            }
            after = closing.substring(1);
        }
        SectionSpec section = section(spec, fields, close < 0);
        long[] partial = partial(after);
        return new SectionItem(Form.BODY, section, partial[0], partial[1], peek);
    }

    /**
     * RFC 3516 §4.3 {@code BINARY[section-binary]<partial>}, {@code BINARY.PEEK[...]} and
     * {@code BINARY.SIZE[section-binary]}, where section-binary is part numbers only.
     */
    private static FetchAttribute binary(String word, String upper) throws SyntaxError {
        String rest;
        boolean peek = false;
        boolean size = false;
        if (upper.startsWith("BINARY[")) {
            rest = word.substring(7);
        } else if (upper.startsWith("BINARY.PEEK[")) {
            peek = true;
            rest = word.substring(12);
        } else if (upper.startsWith("BINARY.SIZE[")) {
            size = true;
            rest = word.substring(12);
        } else {
            throw new SyntaxError("Unknown FETCH item");
        }
        int close = rest.indexOf(']');
        if (close < 0) {
            throw new SyntaxError("Expected ] after the binary section");
        }
        String part = partNumbers(rest.substring(0, close));
        String after = rest.substring(close + 1);
        if (size) {
            if (!after.isEmpty()) {
                throw new SyntaxError("BINARY.SIZE takes no partial");
            }
            return new FetchAttribute.BinarySize(part);
        }
        long[] partial = partial(after);
        return new SectionItem(Form.BINARY, new SectionSpec(part, SectionSpec.Text.CONTENT, List.of()), partial[0],
                partial[1], peek);
    }

    /** {@code section-part}: "1.2.3" as given, without leading zeros; "" for none. */
    private static String partNumbers(String spec) throws SyntaxError {
        if (spec.isEmpty()) {
            return "";
        }
        StringBuilder part = new StringBuilder();
        for (String piece : spec.split("\\.", -1)) {
            if (piece.isEmpty() || !Character.isDigit(piece.charAt(0))) {
                throw new SyntaxError("Invalid binary section");
            }
            long n = TokenCursor.parseNumber(piece);
            if (n == 0) {
                throw new SyntaxError("Section part numbers start at 1");
            }
            if (part.length() > 0) {
                part.append('.');
            }
            part.append(n);
        }
        return part.toString();
    }

    /** {@code <offset.length>} after a section: {offset, length}, offset -1 when there is none. */
    private static long[] partial(String after) throws SyntaxError {
        if (after.isEmpty()) {
            return new long[] {-1, 0};
        }
        if (!after.startsWith("<") || !after.endsWith(">")) {
            throw new SyntaxError("Invalid partial");
        }
        String inner = after.substring(1, after.length() - 1);
        int dot = inner.indexOf('.');
        if (dot < 0) {
            throw new SyntaxError("Partial needs offset.length");
        }
        long offset = TokenCursor.parseNumber(inner.substring(0, dot));
        long length = TokenCursor.parseNumber(inner.substring(dot + 1));
        if (length == 0) {
            throw new SyntaxError("Partial length must not be zero");
        }
        return new long[] {offset, length};
    }

    private static List<String> headerList(TokenCursor cursor) throws SyntaxError {
        List<String> fields = new ArrayList<>();
        cursor.open();
        do {
            fields.add(cursor.astring());
        } while (!cursor.peekClose());
        cursor.close();
        return fields;
    }

    /** {@code section-spec}: part numbers, then HEADER, HEADER.FIELDS[.NOT], TEXT or MIME. */
    private static SectionSpec section(String spec, List<String> fields, boolean withFields) throws SyntaxError {
        String[] pieces = spec.isEmpty() ? new String[0] : spec.split("\\.", -1);
        int i = 0;
        StringBuilder part = new StringBuilder();
        while (i < pieces.length && !pieces[i].isEmpty() && Character.isDigit(pieces[i].charAt(0))) {
            long n = TokenCursor.parseNumber(pieces[i]);
            if (n == 0) {
                throw new SyntaxError("Section part numbers start at 1");
            }
            if (part.length() > 0) {
                part.append('.');
            }
            part.append(n);
            i++;
        }
        String text = TokenCursor.upper(String.join(".", java.util.Arrays.copyOfRange(pieces, i, pieces.length)));
        SectionSpec.Text kind = switch (text) {
            case "" -> SectionSpec.Text.CONTENT;
            case "HEADER" -> SectionSpec.Text.HEADER;
            case "HEADER.FIELDS" -> SectionSpec.Text.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> SectionSpec.Text.HEADER_FIELDS_NOT;
            case "TEXT" -> SectionSpec.Text.TEXT;
            case "MIME" -> SectionSpec.Text.MIME;
            default -> throw new SyntaxError("Invalid section");
        };
        boolean needsFields = kind == SectionSpec.Text.HEADER_FIELDS || kind == SectionSpec.Text.HEADER_FIELDS_NOT;
        if (needsFields != withFields) {
            throw new SyntaxError(needsFields ? "HEADER.FIELDS needs a header list" : "Invalid section");
        }
        if (kind == SectionSpec.Text.MIME && part.length() == 0) {
            throw new SyntaxError("MIME needs a part number");
        }
        return new SectionSpec(part.toString(), kind, fields);
    }
}
