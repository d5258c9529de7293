package io.mailserver.protocol.io;

import io.vertx.core.buffer.Buffer;

/** What {@link InputBuffer#readLine(int)} found. */
public sealed interface LineRead {

    /** A whole line, CRLF removed. */
    record Line(Buffer content) implements LineRead {
        public String ascii() {
            return content.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        public String utf8() {
            return content.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** No CRLF yet; read again after more input arrives. */
    enum Incomplete implements LineRead {
        INSTANCE
    }

    /** A line over the limit ended; its bytes were dropped. */
    record TooLong(long length) implements LineRead {
    }
}
