package io.mailserver.imap.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mailserver.protocol.io.InputBuffer;
import io.vertx.core.buffer.Buffer;

/**
 * Coverage-guided fuzzing of everything a client's bytes go through before a handler sees them: the
 * decoder (lines, literals, limits) in arbitrary chunks, then every command's grammar. A finding is
 * any exception that is not the protocol's own answer, a decoder that stops making progress, or a
 * buffer that outgrows the limits. {@code ./mvnw verify} fuzzes it for a bounded time in its own JVM
 * (the {@code fuzz} surefire execution); plain test runs replay the inputs under
 * {@code ImapParserFuzzTestInputs}.
 */
class ImapParserFuzzTest {

    private static final int LINE_LIMIT = 512;
    private static final long LITERAL_LIMIT = 256;
    private static final int MAX_CHUNK = 64;

    @FuzzTest(maxDuration = "45s")
    void decodeAndParseAnything(FuzzedDataProvider data) {
        ImapDecoder decoder = new ImapDecoder(LINE_LIMIT, LITERAL_LIMIT);
        if (data.consumeBoolean()) {
            // the limits after login, as the connection raises them
            decoder.limits(LINE_LIMIT * 2, LITERAL_LIMIT * 4, LITERAL_LIMIT * 8);
        }
        // both spellings of mailbox names: modified UTF-7, and UTF-8 after ENABLE UTF8=ACCEPT
        MailboxNames names = data.consumeBoolean() ? MailboxNames.UTF8 : MailboxNames.MODIFIED_UTF7;
        InputBuffer in = new InputBuffer();
        while (data.remainingBytes() > 0) {
            in.append(Buffer.buffer(data.consumeBytes(data.consumeInt(1, MAX_CHUNK))));
            int events = 0;
            while (true) {
                Decoded decoded = decoder.decode(in);
                if (decoded instanceof Decoded.NeedMore) {
                    break;
                }
                if (++events > 10_000) {
                    throw new IllegalStateException("the decoder makes no progress");
                }
                if (decoded instanceof Decoded.Command command) {
                    CommandParser.parse(command.command(), names);
                    MessageLiteral literal = command.command().messageLiteral();
                    if (literal != null && !literal.synchronizing()) {
                        // as the connection does for a message literal no handler read
                        decoder.skipRestOfCommand(literal.size());
                    }
                }
            }
            if (in.readable() > LINE_LIMIT * 2 + LITERAL_LIMIT * 8 + MAX_CHUNK) {
                throw new IllegalStateException("buffered " + in.readable() + " bytes, beyond every limit");
            }
        }
    }
}
