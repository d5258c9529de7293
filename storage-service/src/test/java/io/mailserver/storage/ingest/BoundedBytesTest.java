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
}
