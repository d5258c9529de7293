package io.mailserver.pop3.handler;

import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.pop3.reply.TopExcerpt;
import io.vertx.core.buffer.Buffer;

/** Which bytes of the fetched sections a streamed response sends, before dot-stuffing. */
interface ContentShape {

    /** The bytes of this chunk to send (possibly none). */
    Buffer accept(SectionChunk chunk);

    /** Bytes to send when the stream has ended, before the terminating ".". */
    Buffer end();

    /** True when nothing more is needed from the stream. */
    boolean complete();

    /** RETR: the single section, byte for byte. */
    static ContentShape whole() {
        return new ContentShape() {
            @Override
            public Buffer accept(SectionChunk chunk) {
                return Buffer.buffer(chunk.getData().toByteArray());
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
            public Buffer accept(SectionChunk chunk) {
                Buffer data = Buffer.buffer(chunk.getData().toByteArray());
                if (chunk.getSectionIndex() == 0) {
                    if (excerpt.headerEnded()) {
                        return Buffer.buffer();
                    }
                    Buffer out = excerpt.header(data).copy();
                    return chunk.getLast() ? out.appendBuffer(excerpt.endHeader()) : out;
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
