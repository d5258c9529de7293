package io.mailserver.smtp.codec;

import io.vertx.core.buffer.Buffer;

/** What {@link SmtpInputDecoder#next} found in the client's bytes. */
public sealed interface SmtpInput {

    /** Nothing complete yet: wait for more bytes. */
    enum NeedMore implements SmtpInput {
        INSTANCE
    }

    /** A command line without its CRLF, decoded as ISO-8859-1 (one char per octet). */
    record CommandLine(String text) implements SmtpInput {
    }

    /** A command line over the limit ended; its bytes were dropped (RFC 5321 §4.5.3.1.4). */
    record LineTooLong(long length) implements SmtpInput {
    }

    /**
     * Message content after dot-unstuffing.
     *
     * @param content    the bytes decoded from the input at hand (possibly empty)
     * @param ended      whether the terminating CRLF "." CRLF was seen: the end of the message
     * @param overflowed whether content beyond the size limit was dropped (only meaningful when ended)
     * @param bareLineEndings whether the content so far had a bare LF or bare CR (stored as CRLF under
     *                   {@code normalize}; under {@code reject} the content after it is dropped)
     */
    record DataContent(Buffer content, boolean ended, boolean overflowed, boolean bareLineEndings) implements SmtpInput {
    }
}
