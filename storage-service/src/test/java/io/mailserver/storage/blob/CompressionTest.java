package io.mailserver.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompressionTest {

    private static CompressedBlob blob(byte[] raw) {
        return CompressedBlob.of(BlobId.of(new byte[32]), raw);
    }

    @Test
    void roundTripsTextBinaryAndEmptyBodies() {
        Random random = new Random(7);
        byte[] binary = new byte[300_000];
        random.nextBytes(binary);
        byte[] text = "Subject: x\r\n\r\nline of mail text\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        for (byte[] raw : new byte[][] {new byte[0], binary, text}) {
            CompressedBlob blob = blob(raw);
            assertThat(Compression.decompress(blob)).isEqualTo(raw);
        }
        assertThat(blob(text).compressed().length).isLessThan(text.length / 20);
    }

    /**
     * A body is frames of 1 MiB raw each; every frame decompresses on its own from its offset, which is
     * what lets a reader start in the middle, and the concatenation is one ordinary zstd stream.
     */
    @Test
    void largeBodiesAreIndependentFramesThatCanBeReadFromTheMiddle() throws Exception {
        byte[] raw = new byte[3 * Compression.FRAME_SIZE + 12345];
        Random random = new Random(11);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) ('a' + random.nextInt(7));
        }
        CompressedBlob blob = blob(raw);
        assertThat(blob.frameOffsets()).hasSize(4).startsWith(0L).isSorted();
        assertThat(Compression.decompress(blob)).isEqualTo(raw);
        assertThat(Compression.decodeOffsets(Compression.encodeOffsets(blob.frameOffsets()))).isEqualTo(blob.frameOffsets());
        for (int frame = 0; frame < 4; frame++) {
            int start = (int) blob.frameOffsets()[frame];
            try (var in = new io.airlift.compress.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(
                    blob.compressed(), start, blob.compressed().length - start))) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(raw, frame * Compression.FRAME_SIZE, raw.length));
            }
        }
    }

    @Test
    void readsAFrameWrittenByTheReferenceZstdTool() {
        // printf 'Subject: hi\r\n\r\nHello, world. Hello, world. Hello, world.\r\n' | zstd -3 -c | xxd -p
        // (zstd 1.5.4 from Debian 12; the frame carries a content checksum)
        byte[] frame = HexFormat.of().parseHex(
                "28b52ffd04582d0100f85375626a6563743a2068690d0a0d0a48656c6c6f2c20776f726c642e200d0a010045389d8f2ff181");
        byte[] expected = "Subject: hi\r\n\r\nHello, world. Hello, world. Hello, world.\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Compression.decompress(new CompressedBlob(BlobId.of(new byte[32]), frame, expected.length)))
                .isEqualTo(expected);
    }

    @Test
    void aDamagedBlobIsAnErrorNotWrongBytes() {
        byte[] raw = "Subject: x\r\n\r\nbody body body body\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        CompressedBlob good = blob(raw);
        byte[] damaged = Arrays.copyOf(good.compressed(), good.compressed().length / 2);
        assertThatThrownBy(() -> Compression.decompress(new CompressedBlob(good.id(), damaged, raw.length)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Compression.decompress(new CompressedBlob(good.id(), good.compressed(), raw.length + 1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
