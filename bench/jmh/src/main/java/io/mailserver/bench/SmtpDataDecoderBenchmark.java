package io.mailserver.bench;

import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.protocol.smtp.DotStuffedDataDecoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SMTP DATA as a submitting client (a MUA or a relaying MTA) sends it after the 354 reply: a
 * dot-stuffed message of ~76-character CRLF lines, a few of which begin with a dot, ended by
 * CRLF "." CRLF, arriving in 8 KiB reads the way the socket hands it to the server. A 10 KiB
 * message is the common case; 1 MiB is an attachment-carrying one, where the per-byte cost
 * dominates. One operation is one whole message: MiB/s = ops/s x messageSize / 2^20.
 */
@State(Scope.Benchmark)
public class SmtpDataDecoderBenchmark extends ShortRun {

    private static final int READ_SIZE = 8192;
    /** smtp-service's default mail.smtp.limits.message-size: large messages are kept, not dropped. */
    private static final long MAX_MESSAGE_SIZE = 52_428_800;

    /** Size of the message on the wire, in bytes, terminator included. */
    @Param({"10240", "1048576"})
    public int messageSize;

    private Buffer[] reads;

    @Setup
    public void setUp() {
        byte[] wire = dotStuffedMessage(messageSize);
        if (wire.length != messageSize) {
            throw new IllegalStateException("message of " + wire.length + " bytes, not " + messageSize);
        }
        List<Buffer> chunks = new ArrayList<>();
        for (int from = 0; from < wire.length; from += READ_SIZE) {
            int to = Math.min(wire.length, from + READ_SIZE);
            chunks.add(Buffer.buffer().appendBytes(wire, from, to - from));
        }
        reads = chunks.toArray(new Buffer[0]);
        // a benchmark of a decoder that stops early or keeps the stuffing would look fast: check once
        long stuffed = new String(wire, StandardCharsets.US_ASCII).split("\r\n\\.\\.", -1).length - 1;
        long expected = wire.length - 3 - stuffed;
        long decoded = decodeOnce(null);
        if (stuffed == 0 || decoded != expected) {
            throw new IllegalStateException("decoded " + decoded + " bytes, expected " + expected);
        }
    }

    @Benchmark
    public long decode(Blackhole bh) {
        return decodeOnce(bh);
    }

    private long decodeOnce(Blackhole bh) {
        DotStuffedDataDecoder decoder = new DotStuffedDataDecoder(MAX_MESSAGE_SIZE, BareLineEndings.NORMALIZE);
        for (Buffer read : reads) {
            DotStuffedDataDecoder.Chunk chunk = decoder.decode(read, 0);
            if (bh != null) {
                bh.consume(chunk.content());
            }
        }
        if (!decoder.done() || decoder.bareLineEndings() != 0) {
            throw new IllegalStateException("the message did not end cleanly");
        }
        return decoder.size();
    }

    static byte[] dotStuffedMessage(int size) {
        Prose prose = new Prose(size);
        StringBuilder text = new StringBuilder(size + 200);
        text.append("Received: from mua.example.org (mua.example.org [192.0.2.10])\r\n")
                .append("\tby mx.example.com with ESMTPSA id 4f1c2a; Thu, 3 Dec 2026 09:14:07 +0000\r\n")
                .append("From: Alice Example <alice@example.org>\r\n")
                .append("To: Bob Example <bob@example.com>\r\n")
                .append("Subject: Notes from the planning meeting\r\n")
                .append("Date: Thu, 3 Dec 2026 10:14:05 +0100\r\n")
                .append("Message-ID: <20261203091405.4f1c2a@mua.example.org>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii; format=flowed\r\n")
                .append("\r\n");
        // a line takes at most 78 bytes; the last one is padded so the wire size is exactly size
        for (int n = 1; text.length() + 78 <= size - 5; n++) {
            String line = prose.line(76);
            if (n % 37 == 0) {
                // a line the client had to stuff: ".NET", "...", a leading ellipsis in quoted text
                text.append('.').append('.');
                line = line.substring(0, Math.min(line.length(), 74));
            }
            text.append(line).append("\r\n");
        }
        int pad = size - 5 - text.length();
        String last = prose.line(pad);
        text.append(last).append(" ".repeat(pad - last.length())).append("\r\n.\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
