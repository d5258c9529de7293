package io.mailserver.smtp.codec;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.protocol.smtp.DotStuffedDataDecoder;
import io.vertx.core.buffer.Buffer;

/**
 * The framing of one SMTP connection, a resumable state machine without I/O: bytes go in with
 * {@link #append(Buffer)}, and {@link #next()} hands out complete command lines, or, after
 * {@link #startData(long)}, message content until the terminating CRLF "." CRLF.
 *
 * <p>The two input modes are explicit: in {@link Mode#COMMAND} only CRLF ends a line and a line
 * over the limit is dropped as it arrives; in {@link Mode#DATA} bytes go through
 * {@link DotStuffedDataDecoder}, which alone decides where the data ends (a bare LF or CR never does,
 * so nothing can be smuggled behind a message) and stores bare LF and CR as CRLF, or, when they are
 * to be rejected, notes them and drops the rest of the content. Bytes pipelined after the end of data return to
 * command mode in order.
 */
public final class SmtpInputDecoder {

    public enum Mode {
        COMMAND,
        DATA
    }

    private final InputBuffer input = new InputBuffer();
    private final int maxLineLength;
    private DotStuffedDataDecoder data;
    private boolean rejectBare;

    public SmtpInputDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    public void append(Buffer chunk) {
        input.append(chunk);
    }

    public Mode mode() {
        return data == null ? Mode.COMMAND : Mode.DATA;
    }

    /**
     * Switches to data mode (after the 354 reply); content past {@code maxSize} bytes is dropped, and
     * bare line endings are handled as {@code bareLineEndings} says.
     */
    public void startData(long maxSize, BareLineEndings bareLineEndings) {
        if (data != null) {
            throw new IllegalStateException("already reading data");
        }
        data = new DotStuffedDataDecoder(maxSize, bareLineEndings);
        rejectBare = bareLineEndings == BareLineEndings.REJECT;
    }

    /** The next complete piece of input, or {@link SmtpInput.NeedMore}. */
    public SmtpInput next() {
        return data == null ? nextLine() : nextData();
    }

    private SmtpInput nextLine() {
        LineRead read = input.readLine(maxLineLength);
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
        Buffer content = bare && rejectBare ? Buffer.buffer() : chunk.content();
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
     * Drops every buffered byte and leaves data mode; returns how many bytes were dropped. Used when
     * the connection switches to TLS (RFC 3207 §4.2, CVE-2011-0411).
     */
    public int discard() {
        data = null;
        return input.discard();
    }

    /** Bytes received and not yet handed out. */
    public int buffered() {
        return input.readable();
    }
}
