package io.mailserver.smtp.handler;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The trace header this server puts on top of every message it accepts (RFC 5321 §4.4):
 *
 * <pre>
 * Received: from client.example (client.example [192.0.2.1])
 *         by mx.example.org with ESMTPS id 3QZ...
 *         for &lt;alice@example.org&gt;; Tue, 3 Jun 2025 10:00:00 +0200
 * </pre>
 *
 * Folded before "by" and "for" so every line stays short (RFC 5322 §2.2.3).
 *
 * @param heloName     what the client said in EHLO/HELO
 * @param remoteHost   the client's host name, or its IP address when unknown
 * @param remoteIp     the client's IP address
 * @param hostname     this server's name
 * @param protocol     {@code ESMTP}, {@code ESMTPS}, {@code ESMTPSA}, {@code SMTP}, ... (RFC 3848)
 * @param id           the transaction id
 * @param forRecipient the recipient, only when there is exactly one (more would leak Bcc recipients)
 * @param date         when the message was received
 */
public record ReceivedHeader(String heloName, String remoteHost, String remoteIp, String hostname, String protocol,
        String id, Optional<String> forRecipient, ZonedDateTime date) {

    /** RFC 5322 §3.3 date-time with a numeric zone. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    /**
     * The RFC 3848 "with" keyword for a session (RFC 6531 §3.7.3's UTF8SMTP family for a transaction
     * with SMTPUTF8); only an EHLO session can have authenticated.
     */
    public static String protocol(boolean extended, boolean tls, boolean authenticated, boolean utf8) {
        if (!extended) {
            return tls ? "SMTPS" : "SMTP";
        }
        return (utf8 ? "UTF8SMTP" : "ESMTP") + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    /** The header, ending with CRLF. */
    public String format() {
        StringBuilder out = new StringBuilder(200);
        out.append("Received: from ").append(heloName)
                .append(" (").append(remoteHost).append(" [").append(addressLiteral(remoteIp)).append("])\r\n")
                .append("\tby ").append(hostname).append(" with ").append(protocol).append(" id ").append(id);
        forRecipient.ifPresent(r -> out.append("\r\n\tfor <").append(r).append('>'));
        out.append("; ").append(DATE.format(date)).append("\r\n");
        return out.toString();
    }

    public byte[] bytes() {
        // UTF-8 only when the recipient is an RFC 6531 address, which SMTPUTF8 allowed
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5321 §4.1.3: IPv6 addresses are tagged. */
    private static String addressLiteral(String ip) {
        return ip.indexOf(':') >= 0 ? "IPv6:" + ip : ip;
    }
}
