package io.mailserver.protocol.lines;

import io.vertx.core.buffer.Buffer;

/**
 * Streaming line-ending normalizer: every bare LF becomes CRLF and every bare CR becomes CRLF, so the
 * output has CRLF as its only line ending whatever the input had. Stored mail may contain bare CR
 * and LF (older messages, other servers' bugs, an attacker's choice); a protocol that frames content
 * by lines must never send them, because readers disagree on what they mean (RFC 5321 §2.3.8,
 * RFC 1939 §3) and the disagreement is how responses get forged and mail gets smuggled.
 *
 * <p>Holds one bit between chunks: whether the last byte was a CR whose LF may still come.
 */
public final class CrlfNormalizer {

    private boolean pendingCr;
    private long repaired;

    /** The normalized form of {@code input}; a trailing CR is sent as is and completed later. */
    public Buffer normalize(Buffer input) {
        int n = input.length();
        Buffer out = Buffer.buffer(n + 16);
        int run = 0;
        for (int i = 0; i < n; i++) {
            byte b = input.getByte(i);
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    continue;
                }
                // The CR before this byte was bare: complete it.
                out.appendBuffer(input, run, i - run).appendByte((byte) '\n');
                run = i;
                repaired++;
            }
            if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                out.appendBuffer(input, run, i - run).appendByte((byte) '\r');
                run = i;
                repaired++;
            }
        }
        return out.appendBuffer(input, run, n - run);
    }

    /** Ends the input: completes a final bare CR. The normalizer can be used again afterwards. */
    public Buffer finish() {
        if (pendingCr) {
            pendingCr = false;
            repaired++;
            return Buffer.buffer("\n");
        }
        return Buffer.buffer();
    }

    /** How many bare CRs and LFs were turned into CRLF so far. */
    public long repaired() {
        return repaired;
    }
}
