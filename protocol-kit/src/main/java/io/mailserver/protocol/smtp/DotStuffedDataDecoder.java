package io.mailserver.protocol.smtp;

import io.vertx.core.buffer.Buffer;

/**
 * Resumable decoder of dot-stuffed data: feed it the bytes that follow the 354 reply, chunk by
 * chunk; it returns the content with stuffing dots removed and says where the terminating
 * CRLF "." CRLF ended, so bytes after it (pipelined commands) go back to command parsing.
 *
 * <p>The CRLF before the terminating dot belongs to the content (it ends the last line). Only that
 * sequence ends the data: a bare LF or CR never starts a line, so neither a dot after one is taken
 * as stuffing nor "\n.\r\n" as the end. Bare LF and bare CR are then handled by the
 * {@link BareLineEndings} policy: stored as CRLF, or noted so the server refuses the message.
 *
 * <p>Content past {@code maxSize} bytes is dropped, not buffered, while the decoder keeps looking
 * for the end, so the server can answer 552 at the right moment (RFC 5321 §4.5.3.1.10).
 */
public final class DotStuffedDataDecoder {

    private enum State {
        /** At the start of a line (after CRLF, or at the very beginning). */
        LINE_START,
        IN_LINE,
        /** The previous content byte was CR (already emitted). */
        AFTER_CR,
        /** A line began with "."; the dot is held back. */
        DOT,
        /** A line began with "." CR; both are held back. */
        DOT_CR,
        DONE
    }

    private final long maxSize;
    private final BareLineEndings bareLineEndings;
    private State state = State.LINE_START;
    private long size;
    private boolean overflowed;
    private long bare;
    /** The content of the chunk being decoded (only during {@link #decode}). */
    private byte[] out;
    private int outLength;

    public DotStuffedDataDecoder(long maxSize, BareLineEndings bareLineEndings) {
        this.maxSize = maxSize;
        this.bareLineEndings = bareLineEndings;
    }

    /**
     * Decodes bytes {@code [from, input.length())} of {@code input}.
     *
     * @return the content decoded from them and how many input bytes were consumed
     */
    public Chunk decode(Buffer input, int from) {
        if (state == State.DONE) {
            throw new IllegalStateException("data already ended");
        }
        byte[] in = input.getBytes(from, input.length());
        // NORMALIZE turns a bare line ending into two bytes, and "." CR held from the last chunk
        // becomes CR LF before the first byte of this one: twice the input and two more is enough.
        out = new byte[2 * in.length + 2];
        outLength = 0;
        int i = 0;
        while (i < in.length) {
            if (state == State.IN_LINE) {
                // The bulk of any message: a run of line content, copied at once.
                int run = i;
                while (run < in.length && in[run] != '\r' && in[run] != '\n') {
                    run++;
                }
                if (run > i) {
                    emit(in, i, run - i);
                    i = run;
                    continue;
                }
            }
            byte b = in[i++];
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        inLine(b);
                    }
                }
                case IN_LINE -> inLine(b);
                case AFTER_CR -> {
                    if (b == '\n') {
                        emit(b);
                        state = State.LINE_START;
                    } else {
                        bareCr();
                        inLine(b);
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        // A stuffing dot: drop it and keep the rest of the line (RFC 5321 §4.5.2).
                        inLine(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        state = State.DONE;
                        return new Chunk(decoded(), i, true);
                    }
                    // "." CR followed by something else: the dot was stuffing, the CR was bare.
                    emit((byte) '\r');
                    bareCr();
                    inLine(b);
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return new Chunk(decoded(), i, false);
    }

    /** A byte inside a line (or one that starts it and is not a dot). */
    private void inLine(byte b) {
        if (b == '\r') {
            emit(b);
            state = State.AFTER_CR;
        } else if (b == '\n') {
            // Bare LF: never a line start, whatever the policy stores for it.
            bare++;
            if (bareLineEndings == BareLineEndings.NORMALIZE) {
                emit((byte) '\r');
            }
            emit(b);
            state = State.IN_LINE;
        } else {
            emit(b);
            state = State.IN_LINE;
        }
    }

    /** The CR emitted last was not followed by LF. */
    private void bareCr() {
        bare++;
        if (bareLineEndings == BareLineEndings.NORMALIZE) {
            emit((byte) '\n');
        }
    }

    private void emit(byte b) {
        if (size >= maxSize) {
            overflowed = true;
            return;
        }
        size++;
        out[outLength++] = b;
    }

    private void emit(byte[] bytes, int offset, int length) {
        int kept = (int) Math.max(0, Math.min(length, maxSize - size));
        if (kept < length) {
            overflowed = true;
        }
        System.arraycopy(bytes, offset, out, outLength, kept);
        outLength += kept;
        size += kept;
    }

    private Buffer decoded() {
        Buffer content = Buffer.buffer(outLength).appendBytes(out, 0, outLength);
        out = null;
        return content;
    }

    /** True once content beyond the size limit was dropped. */
    public boolean overflowed() {
        return overflowed;
    }

    /** How many bare LFs and bare CRs the content had so far (each stored as CRLF under NORMALIZE). */
    public long bareLineEndings() {
        return bare;
    }

    /** Content bytes kept so far. */
    public long size() {
        return size;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /**
     * @param content  decoded content (possibly empty)
     * @param consumed input bytes used, terminator included when {@code ended}
     * @param ended    whether the terminating CRLF "." CRLF was consumed
     */
    public record Chunk(Buffer content, int consumed, boolean ended) {
    }
}
