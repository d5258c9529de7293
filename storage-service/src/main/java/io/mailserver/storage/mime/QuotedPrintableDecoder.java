package io.mailserver.storage.mime;

import java.io.ByteArrayOutputStream;

/**
 * RFC 2045 §6.7 quoted-printable, one octet at a time: {@code =XY} is an octet (either case),
 * {@code =} before a line break (after optional whitespace) is a soft break, whitespace at the end
 * of a line is dropped, and a malformed escape stays as written. Line breaks keep their form.
 *
 * <p>Trailing whitespace can only be dropped once the line break is seen, so a run of it is held;
 * a run longer than {@link #MAX_HELD} is no trailing whitespace any reader would expect and is
 * written out, which keeps what a hostile part of spaces can make us hold small.
 */
public final class QuotedPrintableDecoder implements TransferDecoder {

    static final int MAX_HELD = 64 * 1024;

    private enum State {
        TEXT,
        /** A CR: a line break if LF follows. */
        CR,
        /** "=", maybe whitespace after it: a soft break if a line break follows. */
        EQUALS,
        /** "=" and one hex digit. */
        EQUALS_HEX,
        /** "=", maybe whitespace, then CR. */
        EQUALS_CR
    }

    private State state = State.TEXT;
    /** Whitespace of the line not yet known to be trailing. */
    private final ByteArrayOutputStream space = new ByteArrayOutputStream();
    /** Whitespace after "=". */
    private final ByteArrayOutputStream spaceAfterEquals = new ByteArrayOutputStream();
    private int firstHex;

    @Override
    public void decode(byte[] in, int from, int to, ByteArrayOutputStream out) {
        for (int i = from; i < to; i++) {
            take(in[i] & 0xff, out);
        }
    }

    private void take(int b, ByteArrayOutputStream out) {
        switch (state) {
            case TEXT -> text(b, out);
            case CR -> {
                if (b == '\n') {
                    space.reset(); // trailing whitespace
                    out.write('\r');
                    out.write('\n');
                    state = State.TEXT;
                } else {
                    writeSpace(out);
                    out.write('\r');
                    state = State.TEXT;
                    text(b, out);
                }
            }
            case EQUALS -> {
                if (spaceAfterEquals.size() == 0 && hex(b) >= 0) {
                    firstHex = b;
                    state = State.EQUALS_HEX;
                } else if ((b == ' ' || b == '\t') && spaceAfterEquals.size() < MAX_HELD) {
                    spaceAfterEquals.write(b);
                } else if (b == '\r') {
                    state = State.EQUALS_CR;
                } else if (b == '\n') {
                    softBreak(out);
                } else {
                    literalEquals(out);
                    text(b, out);
                }
            }
            case EQUALS_HEX -> {
                writeSpace(out);
                if (hex(b) >= 0) {
                    out.write(hex(firstHex) << 4 | hex(b));
                    state = State.TEXT;
                } else {
                    out.write('=');
                    out.write(firstHex);
                    state = State.TEXT;
                    text(b, out);
                }
            }
            case EQUALS_CR -> {
                if (b == '\n') {
                    softBreak(out);
                } else {
                    literalEquals(out);
                    writeSpace(out);
                    out.write('\r');
                    text(b, out);
                }
            }
        }
    }

    private void text(int b, ByteArrayOutputStream out) {
        state = State.TEXT;
        if (b == ' ' || b == '\t') {
            if (space.size() >= MAX_HELD) {
                writeSpace(out);
            }
            space.write(b);
        } else if (b == '=') {
            state = State.EQUALS;
        } else if (b == '\r') {
            state = State.CR;
        } else if (b == '\n') {
            space.reset(); // trailing whitespace
            out.write('\n');
        } else {
            writeSpace(out);
            out.write(b);
        }
    }

    /** "=" ended the line: whitespace before it is content, whitespace after it is not. */
    private void softBreak(ByteArrayOutputStream out) {
        writeSpace(out);
        spaceAfterEquals.reset();
        state = State.TEXT;
    }

    /** An "=" that starts no escape is an "=", and the whitespace after it may still be trailing. */
    private void literalEquals(ByteArrayOutputStream out) {
        writeSpace(out);
        out.write('=');
        space.writeBytes(spaceAfterEquals.toByteArray());
        spaceAfterEquals.reset();
        state = State.TEXT;
    }

    private void writeSpace(ByteArrayOutputStream out) {
        if (space.size() > 0) {
            out.writeBytes(space.toByteArray());
            space.reset();
        }
    }

    @Override
    public void finish(ByteArrayOutputStream out) {
        switch (state) {
            case TEXT -> space.reset(); // the end of the data ends the line
            case CR -> {
                space.reset();
                out.write('\r');
            }
            case EQUALS, EQUALS_CR -> softBreak(out);
            case EQUALS_HEX -> {
                writeSpace(out);
                out.write('=');
                out.write(firstHex);
            }
        }
        state = State.TEXT;
    }

    private static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
