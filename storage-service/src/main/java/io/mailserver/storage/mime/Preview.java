package io.mailserver.storage.mime;

/**
 * RFC 8970 PREVIEW text of a message: the start of its decoded body text, without quoted lines
 * ({@code >}) and without the signature (after a {@code "-- "} line), white space and control characters
 * collapsed to single spaces, at most {@value #MAX} characters. Empty when the body has no text.
 */
public final class Preview {

    /** RFC 8970 §3.1: no more than 256 characters. */
    public static final int MAX = 256;

    private Preview() {
    }

    public static String of(String bodyText) {
        StringBuilder out = new StringBuilder(MAX + 1);
        boolean space = false;
        int count = 0;
        // Lines are taken one at a time, only until the preview is full: a large body is not split whole.
        for (int start = 0; start <= bodyText.length() && count < MAX; ) {
            int end = start;
            while (end < bodyText.length() && bodyText.charAt(end) != '\r' && bodyText.charAt(end) != '\n') {
                end++;
            }
            String line = bodyText.substring(start, end);
            start = end + (end + 1 < bodyText.length() && bodyText.charAt(end) == '\r' && bodyText.charAt(end + 1) == '\n' ? 2 : 1);
            // "-- " is the signature delimiter; quoted-printable decoding may have taken its space
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            for (int i = 0; i < line.length() && count < MAX; ) {
                int c = line.codePointAt(i);
                i += Character.charCount(c);
                if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                    space = out.length() > 0;
                    continue;
                }
                if (space) {
                    out.append(' ');
                    count++;
                    space = false;
                    if (count >= MAX) {
                        break;
                    }
                }
                out.appendCodePoint(c);
                count++;
            }
            if (count >= MAX) {
                break;
            }
            space = out.length() > 0;
        }
        return out.toString();
    }
}
