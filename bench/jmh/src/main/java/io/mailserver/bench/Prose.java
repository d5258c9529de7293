package io.mailserver.bench;

import java.util.Random;

/**
 * Deterministic English-looking text wrapped the way mail clients wrap it, so inputs have the
 * byte mix, line lengths and run lengths of real mail rather than repeated filler a CPU or JIT
 * could special-case; seeded so every run measures the same bytes.
 */
final class Prose {

    private static final String[] WORDS = ("the meeting on Thursday was moved to the smaller room because "
            + "facilities need the hall for the quarterly review please bring the revised budget figures and "
            + "the notes from last week we still have open questions about the vendor contract the delivery "
            + "schedule and who owns the migration plan after the release I attached the draft so everyone "
            + "can comment before Friday thanks again for your patience regards").split(" ");

    private final Random random;

    Prose(long seed) {
        random = new Random(seed);
    }

    /** One line of at most {@code width} characters, without line ending. */
    String line(int width) {
        StringBuilder line = new StringBuilder(width);
        while (true) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (line.length() + 1 + word.length() > width) {
                return line.toString();
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
    }

    /** Bytes with no structure at all, as an attachment's content (compressed or encrypted). */
    byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
