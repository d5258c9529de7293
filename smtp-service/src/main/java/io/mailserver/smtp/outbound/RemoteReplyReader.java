package io.mailserver.smtp.outbound;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a remote server's replies from its bytes, without trusting them: a line longer than
 * {@value #MAX_LINE} octets, a reply of more than {@value #MAX_LINES} lines, a line without a valid
 * code or with a code other than its reply's first line are protocol errors, and nothing the server
 * sends is held beyond one reply.
 */
final class RemoteReplyReader {

    /** RFC 5321 §4.5.3.1.5 allows 512; servers send longer EHLO lines, none sends this much. */
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 200;

    /** The server broke the reply syntax; the connection cannot go on. */
    static final class ProtocolError extends RuntimeException {
        ProtocolError(String message) {
            super(message);
        }
    }

    private final InputBuffer input = new InputBuffer();
    private final List<String> lines = new ArrayList<>();
    private int code = -1;

    void append(Buffer bytes) {
        input.append(bytes);
    }

    /** The next complete reply, if the bytes hold one. */
    Optional<RemoteReply> next() {
        while (true) {
            LineRead read = input.readLine(MAX_LINE);
            if (read instanceof LineRead.TooLong) {
                throw new ProtocolError("reply line longer than " + MAX_LINE + " octets");
            }
            if (!(read instanceof LineRead.Line line)) {
                return Optional.empty();
            }
            String text = line.content().toString(StandardCharsets.UTF_8);
            if (text.length() < 3 || !Character.isDigit(text.charAt(0)) || !Character.isDigit(text.charAt(1))
                    || !Character.isDigit(text.charAt(2)) || text.charAt(0) < '2' || text.charAt(0) > '5'
                    || text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-') {
                throw new ProtocolError("not an SMTP reply line");
            }
            int lineCode = Integer.parseInt(text.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new ProtocolError("reply code changed within a reply");
            }
            code = lineCode;
            lines.add(printable(text.length() > 4 ? text.substring(4) : ""));
            if (lines.size() > MAX_LINES) {
                throw new ProtocolError("reply of more than " + MAX_LINES + " lines");
            }
            if (text.length() == 3 || text.charAt(3) == ' ') {
                RemoteReply reply = RemoteReply.of(code, lines);
                lines.clear();
                code = -1;
                return Optional.of(reply);
            }
        }
    }

    /** Bytes received and not yet read as a reply (after a reply that should have been the last one). */
    int buffered() {
        return input.readable();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
