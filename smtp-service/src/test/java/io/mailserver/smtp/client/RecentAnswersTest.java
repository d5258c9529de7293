package io.mailserver.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void anAnswerIsKeptForItsTtlAndNoLonger() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofNanos(100), 10, now::get);
        answers.put("alice@example.test", "local");

        now.addAndGet(99);
        assertThat(answers.get("alice@example.test")).contains("local");
        now.addAndGet(1);
        assertThat(answers.get("alice@example.test")).isEmpty();
        assertThat(answers.size()).isZero();
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        RecentAnswers<Integer, Integer> answers = new RecentAnswers<>(Duration.ofSeconds(5), 3, now::get);
        for (int i = 0; i < 1000; i++) {
            answers.put(i, i);
            assertThat(answers.size()).isLessThanOrEqualTo(3);
        }
        assertThat(answers.get(999)).contains(999);
        assertThat(answers.get(0)).isEmpty();
    }

    @Test
    void aTtlPastWhatNanosecondsHoldIsCutToAYear() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofDays(365L * 1000), 10, now::get);
        answers.put("a", "b");
        now.addAndGet(Duration.ofDays(364).toNanos());
        assertThat(answers.get("a")).contains("b");
        now.addAndGet(Duration.ofDays(1).toNanos());
        assertThat(answers.get("a")).isEmpty();
    }

    @Test
    void aZeroTtlOrSizeKeepsNothing() {
        RecentAnswers<String, String> noTtl = new RecentAnswers<>(Duration.ZERO, 10, now::get);
        noTtl.put("a", "b");
        assertThat(noTtl.get("a")).isEmpty();
        RecentAnswers<String, String> noRoom = new RecentAnswers<>(Duration.ofSeconds(5), 0, now::get);
        noRoom.put("a", "b");
        assertThat(noRoom.get("a")).isEmpty();
    }
}
