package io.mailserver.smtp.codec;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
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
 * so nothing can be smuggled behind a message). Bytes pipelined after the end of data return to
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

    public SmtpInputDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    public void append(Buffer chunk) {
        input.append(chunk);
    }

    public Mode mode() {
        return data == null ? Mode.COMMAND : Mode.DATA;
    }

    /** Switches to data mode (after the 354 reply); content past {@code maxSize} bytes is dropped. */
    public void startData(long maxSize) {
        if (data != null) {
            throw new IllegalStateException("already reading data");
        }
        data = new DotStuffedDataDecoder(maxSize);
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
        if (!chunk.ended()) {
            return new SmtpInput.DataContent(chunk.content(), false, false);
        }
        boolean overflowed = data.overflowed();
        data = null;
        if (chunk.consumed() < bytes.length()) {
            // The buffer is empty after readAll(), so putting the rest back keeps the byte order.
            input.append(bytes.getBuffer(chunk.consumed(), bytes.length()));
        }
        return new SmtpInput.DataContent(chunk.content(), true, overflowed);
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
