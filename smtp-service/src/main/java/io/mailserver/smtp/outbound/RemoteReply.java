package io.mailserver.smtp.outbound;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of a remote SMTP server (RFC 5321 §4.2), possibly multi-line.
 *
 * @param code     the three-digit reply code
 * @param enhanced the RFC 3463 status code of the last line when it has one, else null
 * @param lines    the text of each line without code and separator, control characters replaced
 */
public record RemoteReply(int code, String enhanced, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$)");

    public RemoteReply {
        lines = List.copyOf(lines);
    }

    /** Builds a reply from its lines' texts, finding the enhanced code in the last one. */
    static RemoteReply of(int code, List<String> lines) {
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        Matcher m = ENHANCED.matcher(last);
        String enhanced = m.find() && m.group(1).charAt(0) - '0' == code / 100 ? m.group(1) : null;
        return new RemoteReply(code, enhanced, lines);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    /** 4yz: try again later. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5yz: do not try again. */
    public boolean permanentFailure() {
        return code >= 500;
    }

    /** Whether a line of an EHLO reply names the keyword (the first line is the server's name). */
    public boolean hasExtension(String keyword) {
        return extension(keyword) != null;
    }

    /** The parameters of an EHLO keyword ("" when it has none), or null when not offered. */
    public String extension(String keyword) {
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.regionMatches(true, 0, keyword, 0, keyword.length())
                    && (line.length() == keyword.length() || line.charAt(keyword.length()) == ' ')) {
                return line.substring(keyword.length()).strip();
            }
        }
        return null;
    }

    /**
     * "code text" of the reply on one line, for diagnostics and DSNs; at most 500 characters, printable
     * ASCII only: a remote server's text reaches a sender's mail client in a report (and an operator's
     * terminal), so bidi overrides, zero-width characters and other non-ASCII become '?'.
     */
    public String diagnostic() {
        String text = code + " " + String.join(" ", lines);
        StringBuilder out = new StringBuilder(Math.min(text.length(), 500));
        for (int i = 0; i < text.length() && out.length() < 500; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
