package io.mailserver.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.mailserver.storage.failure.StorageException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBytesTest {

    @Test
    void anAnnouncedSizeAllocatesNothingAhead() {
        BoundedBytes bytes = new BoundedBytes(64L << 20, 50L << 20);
        assertThat(bytes.capacity()).isEqualTo(64 * 1024);
        bytes.append(ByteString.copyFrom(new byte[100_000]));
        assertThat(bytes.capacity()).isLessThanOrEqualTo(200_000);
    }

    @Test
    void growsToExactlyTheAnnouncedSizeSoTheBufferIsHandedOverWithoutACopy() {
        byte[] data = new byte[1_000_003];
        Arrays.fill(data, (byte) 'x');
        BoundedBytes bytes = new BoundedBytes(64L << 20, data.length);
        for (int i = 0; i < data.length; i += 65536) {
            bytes.append(ByteString.copyFrom(data, i, Math.min(65536, data.length - i)));
        }
        assertThat(bytes.capacity()).isEqualTo(data.length);
        assertThat(bytes.toByteArray()).isEqualTo(data);
    }

    @Test
    void passingTheLimitIsRefusedAtOnce() {
        BoundedBytes bytes = new BoundedBytes(1000, 0);
        bytes.append(ByteString.copyFrom(new byte[1000]));
        assertThatThrownBy(() -> bytes.append(ByteString.copyFrom(new byte[1])))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void bytesCountAgainstTheInstanceBoundUntilTheCallEnds() {
        IngestMemory memory = new IngestMemory(1000);
        IngestMemory.Reservation first = memory.reserve();
        IngestMemory.Reservation second = memory.reserve();
        new BoundedBytes(10_000, 0, first).append(com.google.protobuf.ByteString.copyFrom(new byte[600]));
        BoundedBytes other = new BoundedBytes(10_000, 0, second);
        other.append(com.google.protobuf.ByteString.copyFrom(new byte[300]));
        assertThat(memory.held()).isEqualTo(900);
        // the next 200 do not fit: refused, and nothing of them is held
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> other.append(com.google.protobuf.ByteString.copyFrom(new byte[200])))
                .isInstanceOf(io.mailserver.storage.failure.StorageException.class);
        assertThat(memory.held()).isEqualTo(900);
        first.close();
        first.close();
        assertThat(memory.held()).isEqualTo(300);
        other.append(com.google.protobuf.ByteString.copyFrom(new byte[200]));
        second.close();
        assertThat(memory.held()).isZero();
    }
}
