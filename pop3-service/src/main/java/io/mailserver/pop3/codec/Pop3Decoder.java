package io.mailserver.pop3.codec;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Resumable decoder for one connection: fed network chunks, it hands out one command (or one SASL
 * response line) at a time. The caller asks for the next item only when it is ready to execute it,
 * which is what keeps pipelined commands strictly in order (RFC 2449 §6.6).
 */
public final class Pop3Decoder {

    private final InputBuffer input = new InputBuffer();
    private final int maxCommandLine;
    private final int maxResponseLine;

    /**
     * @param maxCommandLine  longest command line accepted, CRLF excluded (RFC 2449 §4 allows 255 octets)
     * @param maxResponseLine longest SASL response line accepted, CRLF excluded
     */
    public Pop3Decoder(int maxCommandLine, int maxResponseLine) {
        this.maxCommandLine = maxCommandLine;
        this.maxResponseLine = maxResponseLine;
    }

    public void feed(Buffer chunk) {
        input.append(chunk);
    }

    /** Bytes received and not decoded yet. */
    public int buffered() {
        return input.readable();
    }

    /** The next command line, decoded. */
    public Decoded nextCommand() {
        LineRead read = input.readLine(maxCommandLine);
        if (read instanceof LineRead.Line line) {
            // UTF-8 so that non-ASCII user names and passwords reach auth-service as the user typed them.
            return CommandParser.parse(line.content().toString(StandardCharsets.UTF_8));
        }
        if (read instanceof LineRead.TooLong tooLong) {
            return new Decoded.TooLong(tooLong.length());
        }
        return Decoded.NeedMore.INSTANCE;
    }

    /** The next line as the client's answer to a SASL challenge (RFC 5034 §4). */
    public Decoded nextSaslResponse() {
        LineRead read = input.readLine(maxResponseLine);
        if (read instanceof LineRead.Line line) {
            return new Decoded.SaslResponse(line.ascii());
        }
        if (read instanceof LineRead.TooLong tooLong) {
            return new Decoded.TooLong(tooLong.length());
        }
        return Decoded.NeedMore.INSTANCE;
    }

    /**
     * Drops everything buffered; called when STLS succeeds so that plaintext pipelined after it is
     * never executed as if it had come over TLS (RFC 2595 §4, CVE-2011-0411).
     */
    public int discard() {
        return input.discard();
    }
}
