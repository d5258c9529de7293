package io.mailserver.bench;

import io.mailserver.imap.codec.CommandParser;
import io.mailserver.imap.codec.Decoded;
import io.mailserver.imap.codec.ImapDecoder;
import io.mailserver.imap.codec.MailboxNames;
import io.mailserver.imap.codec.MessageLiteral;
import io.mailserver.protocol.io.InputBuffer;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What an authenticated desktop client pipelines after selecting a mailbox: it syncs the message
 * list (UID FETCH of flags, sizes and the headers it shows), marks the message the user opened as
 * seen, asks for the unseen ones, and files a sent message with APPEND using a LITERAL+ literal,
 * all in one write, so the server frames them from a single buffer. One operation is the whole
 * batch of {@value #COMMANDS} commands, read as ImapConnection reads it: the decoder frames and
 * lexes, the APPEND message is drained by its handler, the decoder skips what is left of the line.
 * {@code decodeAndParse} adds CommandParser, which the connection runs on every framed command.
 */
@State(Scope.Thread)
public class ImapCommandDecoderBenchmark extends ShortRun {

    static final int COMMANDS = 4;

    /** imap-service's defaults for an authenticated session (mail.imap.limits.*-after-auth, append-size). */
    private static final int LINE_LIMIT = 65_536;
    private static final long LITERAL_LIMIT = 1_048_576;
    private static final long APPEND_LIMIT = 52_428_800;

    private Buffer batch;
    private ImapDecoder decoder;
    private InputBuffer input;

    @Setup
    public void setUp() {
        byte[] message = sentMessage();
        String commands = "a1 UID FETCH 1:500 (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])\r\n"
                + "a2 UID STORE 5 +FLAGS.SILENT (\\Seen)\r\n"
                + "a3 UID SEARCH UNSEEN\r\n"
                + "a4 APPEND Sent (\\Seen) {" + message.length + "+}\r\n";
        batch = Buffer.buffer(commands).appendBytes(message).appendString("\r\n");
        // the connection's decoder lives as long as the connection, with the limits raised at login
        decoder = new ImapDecoder(LINE_LIMIT, LITERAL_LIMIT);
        decoder.limits(LINE_LIMIT, LITERAL_LIMIT, APPEND_LIMIT);
        input = new InputBuffer();
        // a batch that failed to frame would be measured as a fast error path: check once
        if (run(null, true) != COMMANDS) {
            throw new IllegalStateException("the batch did not decode to " + COMMANDS + " valid commands");
        }
    }

    @Benchmark
    public int decode(Blackhole bh) {
        return run(bh, false);
    }

    @Benchmark
    public int decodeAndParse(Blackhole bh) {
        return run(bh, true);
    }

    private int run(Blackhole bh, boolean parse) {
        input.append(batch);
        int commands = 0;
        while (true) {
            Decoded decoded = decoder.decode(input);
            if (decoded instanceof Decoded.NeedMore) {
                break;
            }
            if (decoded instanceof Decoded.Command command) {
                commands++;
                if (parse) {
                    CommandParser.Outcome outcome = CommandParser.parse(command.command(), MailboxNames.MODIFIED_UTF7);
                    if (!(outcome instanceof CommandParser.Parsed)) {
                        throw new IllegalStateException("invalid: " + outcome);
                    }
                    consume(bh, outcome);
                } else {
                    consume(bh, command);
                }
                MessageLiteral literal = command.command().messageLiteral();
                if (literal != null) {
                    drain(bh, literal.size());
                }
            } else if (!(decoded instanceof Decoded.Malformed malformed)
                    || malformed.problem() != Decoded.Problem.DISCARDED) {
                throw new IllegalStateException("unexpected " + decoded);
            }
        }
        if (input.readable() != 0) {
            throw new IllegalStateException(input.readable() + " bytes left undecoded");
        }
        return commands;
    }

    /** The APPEND handler's share: it streams the message on, then the decoder skips the line's end. */
    private void drain(Blackhole bh, long size) {
        long remaining = size;
        while (remaining > 0 && input.readable() > 0) {
            Buffer octets = input.readBytes(remaining);
            remaining -= octets.length();
            consume(bh, octets);
        }
        decoder.skipRestOfCommand(remaining);
    }

    private static void consume(Blackhole bh, Object o) {
        if (bh != null) {
            bh.consume(o);
        }
    }

    /** A short reply as a client files it in Sent: a few KiB, its lines as the composer wrapped them. */
    private static byte[] sentMessage() {
        Prose prose = new Prose(4);
        StringBuilder text = new StringBuilder(4096);
        text.append("From: Bob Example <bob@example.com>\r\n")
                .append("To: Alice Example <alice@example.org>\r\n")
                .append("Subject: Re: Notes from the planning meeting\r\n")
                .append("Date: Thu, 3 Dec 2026 11:02:44 +0000\r\n")
                .append("Message-ID: <a7d0e3c1-5b2f-4c1e-9d8a-1f2e3d4c5b6a@example.com>\r\n")
                .append("In-Reply-To: <20261203091405.4f1c2a@mua.example.org>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8; format=flowed\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n")
                .append("\r\n");
        while (text.length() < 3000) {
            text.append(prose.line(72)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
