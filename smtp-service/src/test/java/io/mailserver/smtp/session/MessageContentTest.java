package io.mailserver.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    private static Buffer random(int n, Random random) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return Buffer.buffer(bytes);
    }

    private static Buffer joined(MessageContent content) {
        Buffer all = Buffer.buffer();
        content.blocks().forEach(all::appendBuffer);
        return all;
    }

    @Test
    void keepsEveryByteInOrderAndCountsTheBlocksItAllocated() {
        MessageMemory memory = new MessageMemory(10_000_000);
        MessageContent content = new MessageContent(memory);
        Random random = new Random(5);
        Buffer expected = Buffer.buffer();
        // Chunks of every size, from single bytes to more than a block, as a socket may deliver them.
        for (int size : new int[] {1, 7, 8191, 2, 70_000, 100, 65_536, 3, 200_000}) {
            Buffer chunk = random(size, random);
            expected.appendBuffer(chunk);
            assertThat(content.append(chunk)).isTrue();
        }
        assertThat(content.length()).isEqualTo(expected.length());
        assertThat(joined(content)).isEqualTo(expected);
        // Blocks of 8, 16 and 32 KiB, then 64 KiB, each full but the last: what is counted is what
        // was allocated, and never more than one block beyond the content.
        int blocks = content.blocks().size();
        long allocated = 0;
        for (int i = 0; i < blocks; i++) {
            int size = Math.min(MessageContent.MAX_BLOCK, MessageContent.FIRST_BLOCK << i);
            allocated += size;
            if (i < blocks - 1) {
                assertThat(content.blocks().get(i).length()).isEqualTo(size);
            }
        }
        assertThat(memory.used()).isEqualTo(allocated);
        assertThat(allocated - expected.length()).isLessThan(MessageContent.MAX_BLOCK);

        content.release();
        content.release();
        assertThat(memory.used()).isZero();
    }

    @Test
    void aSmallMessageCostsOneSmallBlock() {
        MessageMemory memory = new MessageMemory(1_000_000);
        MessageContent content = new MessageContent(memory);
        content.append(Buffer.buffer("Subject: hi\r\n\r\nhello\r\n"));
        assertThat(memory.used()).isEqualTo(MessageContent.FIRST_BLOCK);
    }

    @Test
    void runningOutOfMemoryDropsTheWholeMessageAndGivesEverythingBack() {
        MessageMemory memory = new MessageMemory(100_000);
        MessageContent other = new MessageContent(memory);
        other.append(Buffer.buffer(new byte[20_000]));
        long othersShare = memory.used();

        MessageContent content = new MessageContent(memory);
        assertThat(content.append(Buffer.buffer(new byte[30_000]))).isTrue();
        assertThat(content.append(Buffer.buffer(new byte[200_000]))).isFalse();
        assertThat(content.dropped()).isTrue();
        assertThat(memory.used()).isEqualTo(othersShare);
        // Later chunks are ignored, not kept.
        assertThat(content.append(Buffer.buffer(new byte[10]))).isFalse();
        assertThat(memory.used()).isEqualTo(othersShare);
        content.release();
        assertThat(memory.used()).isEqualTo(othersShare);
    }
}
