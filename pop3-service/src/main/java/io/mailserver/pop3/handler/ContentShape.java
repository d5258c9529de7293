package io.mailserver.pop3.handler;

import io.mailserver.pop3.reply.TopExcerpt;
import io.vertx.core.buffer.Buffer;

/**
 * Which bytes of the fetched sections a streamed response sends, before dot-stuffing. It sees the
 * content with CRLF line endings only (normalized as it arrives), so TOP counts the lines every
 * client sees.
 */
interface ContentShape {

    /**
     * The bytes of this piece of a section to send (possibly none).
     *
     * @param section which of the fetched sections the piece belongs to
     * @param data    the piece, line endings already normalized to CRLF
     * @param last    whether it ends its section
     */
    Buffer accept(int section, Buffer data, boolean last);

    /** Bytes to send when the stream has ended, before the terminating ".". */
    Buffer end();

    /** True when nothing more is needed from the stream. */
    boolean complete();

    /** RETR: the single section, as it is. */
    static ContentShape whole() {
        return new ContentShape() {
            @Override
            public Buffer accept(int section, Buffer data, boolean last) {
                return data;
            }

            @Override
            public Buffer end() {
                return Buffer.buffer();
            }

            @Override
            public boolean complete() {
                return false;
            }
        };
    }

    /** TOP: section 0 is the header, section 1 the body text, cut after {@code lines} lines. */
    static ContentShape top(long lines) {
        TopExcerpt excerpt = new TopExcerpt(lines);
        return new ContentShape() {
            @Override
            public Buffer accept(int section, Buffer data, boolean last) {
                if (section == 0) {
                    if (excerpt.headerEnded()) {
                        return Buffer.buffer();
                    }
                    Buffer out = excerpt.header(data).copy();
                    return last ? out.appendBuffer(excerpt.endHeader()) : out;
                }
                Buffer out = excerpt.endHeader();
                return out.appendBuffer(excerpt.body(data));
            }

            @Override
            public Buffer end() {
                return excerpt.endHeader();
            }

            @Override
            public boolean complete() {
                return excerpt.complete();
            }
        };
    }
}
