package io.mailserver.imap.reply;

/**
 * Writes a list of numbers (UIDs) as an RFC 9051 {@code sequence-set} in the given order, runs of
 * consecutive numbers as {@code a:b}: the form COPYUID and APPENDUID need, where the n-th source UID
 * pairs with the n-th target UID, so the order must be kept rather than sorted.
 */
public final class NumberSetText {

    private NumberSetText() {
    }

    /** {@code numbers} as unsigned 32-bit values; must not be empty. */
    public static String of(int[] numbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < numbers.length) {
            int j = i;
            while (j + 1 < numbers.length && Integer.toUnsignedLong(numbers[j + 1]) == Integer.toUnsignedLong(numbers[j]) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(Integer.toUnsignedString(numbers[i]));
            if (j > i) {
                out.append(':').append(Integer.toUnsignedString(numbers[j]));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
