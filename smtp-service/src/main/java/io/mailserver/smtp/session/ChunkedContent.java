package io.mailserver.smtp.session;

import io.mailserver.protocol.lines.CrlfNormalizer;
import io.mailserver.protocol.smtp.BareLineEndings;
import io.vertx.core.buffer.Buffer;

/**
 * The content of one BDAT transaction (RFC 3030), from its first chunk to the reply to the last. The
 * octets come counted, not dot-stuffed, so there is no terminator to smuggle past; line endings still
 * get the policy DATA applies ({@code mail.smtp.bare-line-endings}), across chunk boundaries, so what
 * is stored has CRLF line endings only either way. The size limit counts the content as stored, as
 * for DATA; once it is passed nothing more is kept.
 *
 * <p>Confined to the connection's context.
 */
public final class ChunkedContent {

    private final MessageContent content;
    private final CrlfNormalizer normalizer = new CrlfNormalizer();
    private final long maxSize;
    private final BareLineEndings bareLineEndings;
    private boolean overflowed;

    public ChunkedContent(MessageMemory memory, long maxSize, BareLineEndings bareLineEndings) {
        this.content = new MessageContent(memory);
        this.maxSize = maxSize;
        this.bareLineEndings = bareLineEndings;
    }

    /** Octets of a chunk as they arrived. */
    public void append(Buffer octets) {
        keep(normalizer.normalize(octets));
    }

    /** The last chunk ended: completes a final bare CR. */
    public void finish() {
        keep(normalizer.finish());
    }

    private void keep(Buffer normalized) {
        if (overflowed || refusedForLineEndings() || normalized.length() == 0) {
            if (refusedForLineEndings()) {
                content.release();
            }
            return;
        }
        if (content.length() + normalized.length() > maxSize) {
            overflowed = true;
            content.release();
            return;
        }
        content.append(normalized);
    }

    private boolean refusedForLineEndings() {
        return bareLineEndings == BareLineEndings.REJECT && bareLineEndings();
    }

    /** Whether the content passed the size limit: the transaction is refused (552) at this chunk. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Whether a bare CR or LF came in the content so far. */
    public boolean bareLineEndings() {
        return normalizer.repaired() > 0;
    }

    /** Whether the content is whole, and why not. */
    public Truncation truncation() {
        if (overflowed) {
            return Truncation.SIZE_LIMIT;
        }
        if (refusedForLineEndings()) {
            return Truncation.BARE_LINE_ENDINGS;
        }
        return content.dropped() ? Truncation.MEMORY : Truncation.NONE;
    }

    /** The content kept; valid until {@link #release()}. */
    public MessageContent content() {
        return content;
    }

    /** Gives the memory back. Idempotent. */
    public void release() {
        content.release();
    }
}
