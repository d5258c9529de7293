package io.mailserver.storage.message.arrange;

/**
 * The i;ascii-casemap collation (RFC 4790 §9.2) RFC 5256 sorts strings with: a-z compare as A-Z,
 * everything else by code point, so {@code "[x]"} sorts after {@code "Z"} and before {@code "_"}.
 */
final class Collation {

    private Collation() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = fold(a.codePointAt(i));
            int cb = fold(b.codePointAt(j));
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static boolean equal(String a, String b) {
        return compare(a, b) == 0;
    }

    /** A key equal for strings this collation calls equal. */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().map(Collation::fold).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static int fold(int c) {
        return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
    }
}
