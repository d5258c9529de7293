package io.mailserver.storage.message.arrange;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * RFC 5256 §2.1 base subject: the subject with encoded words decoded, white space collapsed, and
 * the reply and forward markers ({@code Re:}, {@code Fwd:}, {@code [fwd: …]}, {@code (fwd)}) and
 * leading {@code [list]} tags taken away, so that a conversation's messages compare equal.
 *
 * @param text           the base subject; empty when there is none
 * @param replyOrForward whether any marker was taken away (RFC 5256 §2.1: the message is a reply
 *                       or a forward), which THREAD=REFERENCES uses when it merges by subject
 */
public record BaseSubject(String text, boolean replyOrForward) {

    public static BaseSubject of(String rawSubject) {
        if (rawSubject == null) {
            return new BaseSubject("", false);
        }
        String s = collapseWhiteSpace(DecoderUtil.decodeEncodedWords(rawSubject, DecodeMonitor.SILENT));
        boolean marked = false;
        while (true) {
            // (2) trailers: "(fwd)" and white space at the end
            while (true) {
                if (s.endsWith(" ")) {
                    s = s.substring(0, s.length() - 1);
                } else if (endsWithIgnoreCase(s, "(fwd)")) {
                    s = s.substring(0, s.length() - 5);
                    marked = true;
                } else {
                    break;
                }
            }
            // (3)-(5) leaders: white space, blobs followed by re/fw/fwd, and blobs that leave a subject
            while (true) {
                if (s.startsWith(" ")) {
                    s = s.substring(1);
                    continue;
                }
                int leader = refwdLeader(s);
                if (leader > 0) {
                    s = s.substring(leader);
                    marked = true;
                    continue;
                }
                int blob = blob(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                    continue;
                }
                break;
            }
            // (6) "[fwd: subject]"
            if (startsWithIgnoreCase(s, "[fwd:") && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                marked = true;
                continue;
            }
            return new BaseSubject(s, marked);
        }
    }

    /** (1) Tabs and folds become spaces, runs of spaces one space. */
    private static String collapseWhiteSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /** Length of {@code *subj-blob subj-refwd} at the start, 0 when there is none. */
    private static int refwdLeader(String s) {
        int at = 0;
        while (true) {
            int refwd = refwd(s, at);
            if (refwd > 0) {
                return refwd;
            }
            int blob = blob(s, at);
            if (blob == 0) {
                return 0;
            }
            at = blob;
        }
    }

    /** End of {@code ("re" / "fw" / "fwd") *WSP [subj-blob] ":"} starting at {@code from}, or 0. */
    private static int refwd(String s, int from) {
        int at;
        if (regionIs(s, from, "re")) {
            at = from + 2;
        } else if (regionIs(s, from, "fwd")) {
            at = from + 3;
        } else if (regionIs(s, from, "fw")) {
            at = from + 2;
        } else {
            return 0;
        }
        while (at < s.length() && s.charAt(at) == ' ') {
            at++;
        }
        int blob = blob(s, at);
        if (blob > 0) {
            at = blob;
        }
        return at < s.length() && s.charAt(at) == ':' ? at + 1 : 0;
    }

    /** End of {@code "[" *BLOBCHAR "]" *WSP} starting at {@code from}, or 0. */
    private static int blob(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '[') {
            return 0;
        }
        int at = from + 1;
        while (at < s.length() && s.charAt(at) != '[' && s.charAt(at) != ']') {
            at++;
        }
        if (at >= s.length() || s.charAt(at) != ']') {
            return 0;
        }
        at++;
        while (at < s.length() && s.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    private static boolean regionIs(String s, int from, String lower) {
        return s.regionMatches(true, from, lower, 0, lower.length());
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.length() >= suffix.length() && s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
