package io.mailserver.storage.message.service;

import com.google.protobuf.UnsafeByteOperations;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.mime.Section;
import io.mailserver.storage.mime.TransferDecoder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * IMAP BINARY and BINARY.SIZE (RFC 3516): part contents with their Content-Transfer-Encoding
 * removed, decoded from the blob as it streams. The literal announces the decoded size before the
 * first octet, so an encoded part is read twice: once to measure (size, and whether it holds NUL,
 * which makes it a literal8), once to send. Parts declared 7bit are measured from the body
 * structure alone.
 */
final class DecodedSections {

    /** The decoded content of a part: how long it is and whether it holds a NUL octet. */
    record Measured(long size, boolean nul) {
    }

    private final BlobStore blobs;
    private final int chunkSize;

    DecodedSections(BlobStore blobs, int chunkSize) {
        this.blobs = blobs;
        this.chunkSize = chunkSize;
    }

    /** The decoded sizes of {@code parts}, in their order. */
    Uni<List<Long>> sizes(MessageRow row, BodyPart structure, List<String> parts) {
        return Multi.createFrom().iterable(parts)
                .onItem().transformToUniAndConcatenate(part -> measure(row, Section.binary(part, structure, row.size())))
                .map(Measured::size)
                .collect().asList();
    }

    /** BINARY[part]&lt;partial&gt; as section chunks, like a raw section but of the decoded bytes. */
    Multi<FetchResponse> section(MessageRow row, int uid, int index, BodySection section, BodyPart structure) {
        Section.Binary binary = Section.binary(section.getPart(), structure, row.size());
        return measure(row, binary).onItem().transformToMulti(measured -> {
            long from = section.hasPartial() ? section.getPartial().getOffset() : 0;
            // the partial length is an unsigned 64-bit value on the wire: a negative long means "very long"
            long length = section.hasPartial() ? section.getPartial().getLength() : -1;
            if (from < 0 || from >= measured.size()) {
                return Multi.createFrom().item(FetchService.emptySection(uid, index));
            }
            long to = length < 0 || length > measured.size() - from ? measured.size() : from + length;
            return window(row, binary, from, to, uid, index, measured.nul());
        });
    }

    private Multi<FetchResponse> window(MessageRow row, Section.Binary binary, long from, long to, int uid, int index,
            boolean literal8) {
        long total = to - from;
        Window window = new Window(from, to);
        return decoded(row, binary)
                .select().first(bytes -> !window.complete())
                .map(window::cut)
                .select().where(bytes -> bytes.length > 0)
                .map(bytes -> {
                    SectionChunk.Builder chunk = SectionChunk.newBuilder()
                            .setSectionIndex(index)
                            // the array is this chunk's own and never written again, so the message can share it
                            .setData(UnsafeByteOperations.unsafeWrap(bytes))
                            .setLast(window.sent == total);
                    if (window.sent == bytes.length) {
                        chunk.setTotalSize(total).setLiteral8(literal8);
                    }
                    return FetchResponse.newBuilder().setUid(uid).setChunk(chunk).build();
                });
    }

    /** Which decoded octets a partial asks for, cut from the decoded chunks as they pass. */
    private static final class Window {
        private final long from;
        private final long to;
        /** Decoded octets seen so far. */
        private long position;
        /** Octets of the window handed on. */
        private long sent;

        Window(long from, long to) {
            this.from = from;
            this.to = to;
        }

        boolean complete() {
            return position >= to;
        }

        byte[] cut(byte[] bytes) {
            long start = Math.max(from, position);
            long end = Math.min(to, position + bytes.length);
            position += bytes.length;
            if (start >= end) {
                return new byte[0];
            }
            int offset = (int) (start - (position - bytes.length));
            int length = (int) (end - start);
            sent += length;
            return offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        }
    }

    private Uni<Measured> measure(MessageRow row, Section.Binary binary) {
        TransferDecoder decoder;
        try {
            decoder = decoder(binary);
        } catch (StorageException e) {
            return Uni.createFrom().failure(e);
        }
        long raw = binary.raw().length();
        if (raw == 0 || (!decoder.transforms() && TransferDecoder.sevenBit(binary.encoding()))) {
            return Uni.createFrom().item(new Measured(raw, false));
        }
        long[] size = {0};
        boolean[] nul = {false};
        return decoded(row, binary)
                .onItem().invoke(bytes -> {
                    size[0] += bytes.length;
                    if (!nul[0]) {
                        for (byte b : bytes) {
                            if (b == 0) {
                                nul[0] = true;
                                break;
                            }
                        }
                    }
                })
                .collect().last()
                .map(ignored -> new Measured(size[0], nul[0]));
    }

    /** The part's decoded bytes, chunk by chunk (a chunk may be empty). */
    private Multi<byte[]> decoded(MessageRow row, Section.Binary binary) {
        Multi<byte[]> raw = Multi.createFrom().deferred(() ->
                blobs.stream(row.blob(), binary.raw().from(), binary.raw().to(), chunkSize));
        TransferDecoder decoder = decoder(binary);
        if (!decoder.transforms()) {
            return raw;
        }
        return raw.map(bytes -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            decoder.decode(bytes, 0, bytes.length, out);
            return out.toByteArray();
        }).onCompletion().continueWith(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            decoder.finish(out);
            return List.of(out.toByteArray());
        });
    }

    private static TransferDecoder decoder(Section.Binary binary) {
        return TransferDecoder.of(binary.encoding()).orElseThrow(() -> StorageException.failedPrecondition(
                "unknown content-transfer-encoding: " + binary.encoding()));
    }
}
