package io.mailserver.smtp.codec;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.protocol.smtp.DotStuffedDataDecoder;
import io.mailserver.smtp.session.InputMode;
import io.vertx.core.buffer.Buffer;

/**
 * The framing of one SMTP connection, a resumable state machine without I/O: bytes go in with
 * {@link #append(Buffer)}, and {@link #next(InputMode)} hands out complete command lines, or, in the
 * data mode, message content until the terminating CRLF "." CRLF.
 *
 * <p>The mode is the session state's ({@link io.mailserver.smtp.session.SmtpState#inputMode()}),
 * passed in at each call rather than held here too: in {@link InputMode#COMMAND} only CRLF ends a
 * line and a line over the limit is dropped as it arrives; in {@link InputMode#DATA} bytes go through
 * {@link DotStuffedDataDecoder}, which alone decides where the data ends (a bare LF or CR never does,
 * so nothing can be smuggled behind a message) and stores bare LF and CR as CRLF, or, when they are
 * to be rejected, notes them and drops the rest of the content. Bytes pipelined after the end of data return to
 * command mode in order.
 */
public final class SmtpInputDecoder {

    /** RFC 4954 §4: a server should take AUTH responses of at least 12288 octets (long OAuth tokens). */
    static final int MAX_AUTH_RESPONSE = 12288;

    private final InputBuffer input = new InputBuffer();
    private final int maxLineLength;
    private final long maxMessageSize;
    private final BareLineEndings bareLineEndings;
    /** The message being read; null outside one. */
    private DotStuffedDataDecoder data;

    /**
     * @param maxMessageSize  content past this many octets is dropped (the end is still looked for)
     * @param bareLineEndings what becomes of bare CR and LF in message content
     */
    public SmtpInputDecoder(int maxLineLength, long maxMessageSize, BareLineEndings bareLineEndings) {
        this.maxLineLength = maxLineLength;
        this.maxMessageSize = maxMessageSize;
        this.bareLineEndings = bareLineEndings;
    }

    public void append(Buffer chunk) {
        input.append(chunk);
    }

    /**
     * The next complete piece of input in {@code mode}, or {@link SmtpInput.NeedMore}. A message's
     * content is read from the first call in the data mode to its end, which comes back as
     * {@link SmtpInput.DataContent#ended()}; the state then leaves the data mode.
     */
    public SmtpInput next(InputMode mode) {
        if (mode == InputMode.CHUNK) {
            throw new IllegalArgumentException("BDAT chunks are read with nextChunk");
        }
        if (mode != InputMode.DATA) {
            return nextLine(lineLimit(mode));
        }
        if (data == null) {
            data = new DotStuffedDataDecoder(maxMessageSize, bareLineEndings);
        }
        return nextData();
    }

    private SmtpInput nextLine(int limit) {
        LineRead read = input.readLine(limit);
        if (read instanceof LineRead.Line line) {
            return new SmtpInput.CommandLine(line.ascii());
        }
        if (read instanceof LineRead.TooLong tooLong) {
            return new SmtpInput.LineTooLong(tooLong.length());
        }
        return SmtpInput.NeedMore.INSTANCE;
    }

    private SmtpInput nextData() {
        if (input.readable() == 0) {
            return SmtpInput.NeedMore.INSTANCE;
        }
        Buffer bytes = input.readAll();
        DotStuffedDataDecoder.Chunk chunk = data.decode(bytes, 0);
        boolean bare = data.bareLineEndings() > 0;
        // A message that will be refused is not kept: only its end is still looked for.
        Buffer content = bare && bareLineEndings == BareLineEndings.REJECT ? Buffer.buffer() : chunk.content();
        if (!chunk.ended()) {
            return new SmtpInput.DataContent(content, false, false, bare);
        }
        boolean overflowed = data.overflowed();
        data = null;
        if (chunk.consumed() < bytes.length()) {
            // The buffer is empty after readAll(), so putting the rest back keeps the byte order.
            input.append(bytes.getBuffer(chunk.consumed(), bytes.length()));
        }
        return new SmtpInput.DataContent(content, true, overflowed, bare);
    }

    /**
     * Up to {@code remaining} octets of a BDAT chunk (RFC 3030 §2) as they are, or null when none are
     * buffered. The octets after the chunk stay for the next command.
     */
    public Buffer nextChunk(long remaining) {
        if (input.readable() == 0 || remaining <= 0) {
            return null;
        }
        return input.readBytes(remaining);
    }

    /**
     * Drops every buffered byte and any message being read; returns how many bytes were dropped. Used when
     * the connection switches to TLS (RFC 3207 §4.2, CVE-2011-0411).
     */
    public int discard() {
        data = null;
        return input.discard();
    }

    /**
     * Whether reading more could complete the next piece in {@code mode}: at most one line's worth is
     * held, so a pipelining client waits in the kernel, not in memory.
     */
    public boolean wantsInput(InputMode mode) {
        return input.readable() <= lineLimit(mode);
    }

    private int lineLimit(InputMode mode) {
        return mode == InputMode.AUTH_RESPONSE ? Math.max(maxLineLength, MAX_AUTH_RESPONSE) : maxLineLength;
    }
}
