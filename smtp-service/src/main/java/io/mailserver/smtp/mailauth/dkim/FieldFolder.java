package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a tag-list header field (DKIM-Signature and the ARC fields) folded at tag boundaries, h= at its
 * colons and b= anywhere, keeping lines near {@link #LINE_WIDTH}. Signers share it so their fields look
 * alike and stay under RFC 5322's 78 characters a line.
 */
final class FieldFolder {

    static final int LINE_WIDTH = 76;

    private final StringBuilder text;
    private int lineLength;
    private boolean anyTag;

    FieldFolder(String start) {
        text = new StringBuilder(start);
        lineLength = start.length();
    }

    void tag(String tag) {
        token(tag, anyTag);
    }

    /** h= with its names run together, folding after a colon where a line fills up. */
    void list(String tagName, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String piece = values.get(i).toLowerCase(Locale.ROOT) + (i + 1 < values.size() ? ":" : ";");
            token(i == 0 ? tagName + piece : piece, i == 0);
        }
    }

    /** A fold's leading space doubles as the separator, so a token never follows a bare space. */
    private void token(String token, boolean spaced) {
        if (lineLength + (spaced ? 1 : 0) + token.length() > LINE_WIDTH && lineLength > 1) {
            text.append("\r\n ");
            lineLength = 1;
        } else if (spaced) {
            text.append(' ');
            lineLength++;
        }
        text.append(token);
        lineLength += token.length();
        anyTag = true;
    }

    /**
     * Free text, such as Authentication-Results' resinfo, folded only before its whitespace runs (a fold
     * inserts a CRLF and nothing else, so unfolding gives {@code words} back exactly); it should start
     * with whitespace when it follows a tag.
     */
    void words(String words) {
        for (String piece : words.split("(?<![ \\t])(?=[ \\t])")) {
            if (lineLength + piece.length() > LINE_WIDTH && lineLength > 1 && !piece.isEmpty()
                    && HeaderField.isWsp((byte) piece.charAt(0))) {
                text.append("\r\n");
                lineLength = 0;
            }
            text.append(piece);
            lineLength += piece.length();
        }
        anyTag = true;
    }

    /**
     * Ends the field with {@code b=} and its signature, returning the whole field without its CRLF.
     * {@code signedData} is given the field as it stands with b= empty and returns the bytes to sign;
     * b= is emptied before hashing, so its folding whitespace is free to be added afterwards.
     */
    String signed(DkimSigningKey key, Function<HeaderField, byte[]> signedData) {
        tag("b=");
        HeaderField unsigned = HeaderField.of(text.toString().getBytes(StandardCharsets.US_ASCII));
        value(Base64.getEncoder().encodeToString(DkimKeys.sign(key, signedData.apply(unsigned))));
        return text.toString();
    }

    /** Appends a base64 value right after "b=", broken into lines where it reaches the width. */
    private void value(String value) {
        int pos = 0;
        while (pos < value.length()) {
            int room = LINE_WIDTH - lineLength;
            if (room < 8) {
                text.append("\r\n ");
                lineLength = 1;
                room = LINE_WIDTH - 1;
            }
            int end = Math.min(value.length(), pos + room);
            text.append(value, pos, end);
            lineLength += end - pos;
            pos = end;
        }
    }

    String text() {
        return text.toString();
    }
}
