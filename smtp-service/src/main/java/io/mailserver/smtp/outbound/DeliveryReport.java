package io.mailserver.smtp.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A bounce: the RFC 3464 delivery status notification telling the sender which recipients failed
 * and why, as {@code multipart/report; report-type=delivery-status} (RFC 6522) with a readable part,
 * the machine-readable {@code message/delivery-status} part and the original message (whole, or its
 * header only when the sender asked RET=HDRS or the message is large). Sent from the null
 * reverse-path (RFC 5321 §4.5.5) so it can never bounce in turn.
 *
 * <p>The diagnostics quote remote servers: they reach here as one printable line each (see
 * {@link RemoteReply#diagnostic()}), so they cannot add header fields or MIME parts.
 */
public final class DeliveryReport {

    /** Originals up to this size are returned whole; larger ones by their header. */
    public static final int FULL_ORIGINAL_LIMIT = 256 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    /**
     * One failed recipient.
     *
     * @param status     the RFC 3463 code, e.g. {@code 5.1.1}
     * @param diagnostic the remote reply or our reason, one printable line
     */
    public record Failure(String recipient, String originalRecipient, String status, String diagnostic) {
    }

    private DeliveryReport() {
    }

    /**
     * The whole report message, CRLF line endings.
     *
     * @param original the original message, or as much of it as is to be returned
     * @param headersOnly return only the original's header section
     */
    public static byte[] failure(String reportingHost, String sender, String envid, ZonedDateTime arrival,
            ZonedDateTime now, List<Failure> failures, byte[] original, boolean headersOnly) {
        String boundary = "dsn-" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder(2048);
        head.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingHost).append(">\r\n")
                .append("To: <").append(sender).append(">\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ").append(DATE.format(now)).append("\r\n")
                .append("Message-ID: <dsn.").append(UUID.randomUUID()).append('@').append(reportingHost).append(">\r\n")
                // RFC 3834: no vacation responder answers this
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary)
                .append("\"\r\n\r\n")
                .append("This is a MIME-encapsulated delivery status notification.\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Description: Notification\r\n\r\n")
                .append("This is the mail system at ").append(reportingHost).append(".\r\n\r\n")
                .append("Your message could not be delivered to the following recipients:\r\n\r\n");
        for (Failure f : failures) {
            head.append("<").append(f.recipient()).append(">: ").append(f.diagnostic()).append("\r\n");
        }
        head.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: message/delivery-status\r\n")
                .append("Content-Description: Delivery report\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
        if (!envid.isEmpty()) {
            head.append("Original-Envelope-Id: ").append(envid).append("\r\n");
        }
        head.append("Arrival-Date: ").append(DATE.format(arrival)).append("\r\n");
        for (Failure f : failures) {
            head.append("\r\n");
            if (!f.originalRecipient().isEmpty()) {
                head.append("Original-Recipient: ").append(f.originalRecipient()).append("\r\n");
            }
            head.append("Final-Recipient: rfc822; ").append(f.recipient()).append("\r\n")
                    .append("Action: failed\r\n")
                    .append("Status: ").append(f.status()).append("\r\n")
                    .append("Diagnostic-Code: smtp; ").append(f.diagnostic()).append("\r\n");
        }
        boolean onlyHeader = headersOnly || original.length > FULL_ORIGINAL_LIMIT;
        head.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: ").append(onlyHeader ? "text/rfc822-headers" : "message/rfc822").append("\r\n")
                .append("Content-Description: ").append(onlyHeader ? "Undelivered message header" : "Undelivered message")
                .append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + original.length + 100);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        byte[] returned = onlyHeader ? headerSection(original) : original;
        out.writeBytes(returned);
        if (returned.length > 0 && returned[returned.length - 1] != '\n') {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The status code of a failure: the reply's enhanced code, or the class's generic one. */
    public static String status(String diagnostic) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d{3} ([245]\\.\\d{1,3}\\.\\d{1,3})\\b").matcher(diagnostic);
        if (m.find()) {
            return m.group(1);
        }
        return diagnostic.startsWith("4") ? "4.0.0" : "5.0.0";
    }

    /** The header section, up to and including the empty line (the whole message when it has none). */
    static byte[] headerSection(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
        }
        return message;
    }
}
