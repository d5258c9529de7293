package io.mailserver.smtp.dsn;

import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.mailauth.MessageBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464) telling the sender what became of its message for some
 * recipients: failed (a bounce), delayed (still being retried), delivered (into a mailbox here) or
 * relayed (handed to a server that does not report further). It is a {@code multipart/report;
 * report-type=delivery-status} (RFC 6522) with a readable part, the machine-readable
 * {@code message/delivery-status} part and the original: whole in a failure report (unless the
 * sender asked RET=HDRS or the message is large), else its header section only (RFC 3461 §4.3).
 * Sent from the null reverse-path (RFC 5321 §4.5.5) so it can never cause a report in turn.
 *
 * <p>Everything from the wire that appears here is one printable line: diagnostics (see
 * {@code RemoteReply#diagnostic()}), and ENVID and ORCPT, which {@link Xtext} decodes to printable
 * ASCII only; none can add header fields or MIME parts.
 */
public final class DeliveryReport {

    /** Originals up to this size are returned whole in failure reports; larger ones by their header. */
    public static final int FULL_ORIGINAL_LIMIT = 256 * 1024;
    /** The most of a header section a report returns. */
    public static final int HEADER_LIMIT = 64 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    /** A reply's enhanced code, or one that starts our own reason. */
    private static final Pattern ENHANCED = Pattern.compile("^(?:\\d{3} )?([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    /** RFC 3464 §2.3.3. */
    public enum Action {
        FAILED, DELAYED, DELIVERED, RELAYED;

        String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What happened for one recipient.
     *
     * @param originalRecipient the ORCPT as given ({@code addr-type;xtext}), "" when none
     * @param status            the RFC 3463 code, e.g. {@code 5.1.1}
     * @param diagnostic        the remote reply or our reason, one printable line; "" for none
     * @param retryUntil        for a delay: when the mail system gives up, else null
     */
    public record Recipient(String address, String originalRecipient, Action action, String status, String diagnostic,
            ZonedDateTime retryUntil) {

        public static Recipient failed(String address, String originalRecipient, String status, String diagnostic) {
            return new Recipient(address, originalRecipient, Action.FAILED, status, diagnostic, null);
        }
    }

    /**
     * The message's envelope as the report needs it.
     *
     * @param sender the reverse-path the report goes to
     * @param envid  the DSN ENVID as given (xtext), "" when none
     */
    public record Envelope(String sender, String envid, ZonedDateTime arrival, boolean returnHeadersOnly) {
    }

    private DeliveryReport() {
    }

    /**
     * The whole report message, CRLF line endings.
     *
     * @param original the original message, or as much of it as is to be returned
     */
    public static byte[] build(String reportingHost, Envelope envelope, ZonedDateTime now, List<Recipient> recipients,
            byte[] original) {
        boolean failed = recipients.stream().anyMatch(r -> r.action() == Action.FAILED);
        boolean delayed = recipients.stream().anyMatch(r -> r.action() == Action.DELAYED);
        String boundary = "dsn-" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder(2048);
        head.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingHost).append(">\r\n")
                .append("To: <").append(envelope.sender()).append(">\r\n")
                .append("Subject: ").append(failed ? "Undelivered Mail Returned to Sender"
                        : delayed ? "Delayed Mail (still being retried)" : "Successful Mail Delivery Report").append("\r\n")
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
                .append("This is the mail system at ").append(reportingHost).append(".\r\n");
        readable(head, recipients, Action.FAILED, "Your message could not be delivered to these recipients:");
        readable(head, recipients, Action.DELAYED, "Your message has not been delivered yet to these recipients; "
                + "delivery will be tried again, until the time given below:");
        readable(head, recipients, Action.DELIVERED, "Your message was delivered to these recipients:");
        readable(head, recipients, Action.RELAYED, "Your message was handed on toward these recipients; "
                + "their mail servers will not confirm the delivery:");
        // RFC 6533: UTF-8 addresses go in the global form of the report, typed utf-8
        boolean global = recipients.stream()
                .anyMatch(r -> !MailAddress.isAscii(r.address()) || !MailAddress.isAscii(r.originalRecipient()));
        head.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: message/").append(global ? "global-" : "").append("delivery-status\r\n")
                .append("Content-Description: Delivery report\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
        Optional<String> envid = envelope.envid().isEmpty() ? Optional.empty() : Xtext.decode(envelope.envid());
        envid.ifPresent(id -> head.append("Original-Envelope-Id: ").append(id).append("\r\n"));
        head.append("Arrival-Date: ").append(DATE.format(envelope.arrival())).append("\r\n");
        for (Recipient r : recipients) {
            head.append("\r\n");
            if (!r.originalRecipient().isEmpty()) {
                OriginalRecipient.parse(r.originalRecipient())
                        .ifPresent(o -> head.append("Original-Recipient: ").append(o.field()).append("\r\n"));
            }
            head.append("Final-Recipient: ").append(MailAddress.isAscii(r.address()) ? "rfc822" : "utf-8").append("; ")
                    .append(r.address()).append("\r\n")
                    .append("Action: ").append(r.action().keyword()).append("\r\n")
                    .append("Status: ").append(r.status()).append("\r\n");
            if (!r.diagnostic().isEmpty()) {
                // a remote server's reply is an smtp diagnostic; our own reasons are not (RFC 3464 §2.3.6)
                boolean reply = r.diagnostic().matches("^[2-5]\\d\\d( .*)?$");
                head.append("Diagnostic-Code: ").append(reply ? "smtp" : "X-Mailserver").append("; ").append(r.diagnostic())
                        .append("\r\n");
            }
            if (r.retryUntil() != null) {
                head.append("Will-Retry-Until: ").append(DATE.format(r.retryUntil())).append("\r\n");
            }
        }
        boolean onlyHeader = !failed || envelope.returnHeadersOnly() || original.length > FULL_ORIGINAL_LIMIT;
        boolean utf8Header = MessageBytes.eightBit(headerSection(original));
        String returnedType = onlyHeader ? (utf8Header ? "message/global-headers" : "text/rfc822-headers")
                : (utf8Header ? "message/global" : "message/rfc822");
        head.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: ").append(returnedType).append("\r\n")
                .append("Content-Description: ").append(onlyHeader ? "Message header" : "Undelivered message")
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

    private static void readable(StringBuilder out, List<Recipient> recipients, Action action, String intro) {
        List<Recipient> these = recipients.stream().filter(r -> r.action() == action).toList();
        if (these.isEmpty()) {
            return;
        }
        out.append("\r\n").append(intro).append("\r\n\r\n");
        for (Recipient r : these) {
            out.append("<").append(r.address()).append(">");
            if (!r.diagnostic().isEmpty()) {
                out.append(": ").append(r.diagnostic());
            }
            if (r.retryUntil() != null) {
                out.append(" (tried until ").append(DATE.format(r.retryUntil())).append(")");
            }
            out.append("\r\n");
        }
    }

    /**
     * The status code of a failure ({@code failed}) or delay: the reply's enhanced code, else the
     * generic one of the reply's class, else (our own reason, no reply) of the action's.
     */
    public static String status(String diagnostic, boolean failed) {
        Matcher m = ENHANCED.matcher(diagnostic);
        if (m.find()) {
            return m.group(1);
        }
        if (diagnostic.matches("^[45]\\d\\d\\b.*")) {
            return diagnostic.charAt(0) + ".0.0";
        }
        return failed ? "5.0.0" : "4.0.0";
    }

    /**
     * The header fields, without the empty line after them: the part's closing delimiter brings a CRLF
     * of its own; the fields that end within {@value #HEADER_LIMIT} octets when there are more (a
     * message without a body, or with a padded header, is no way to have its content sent on).
     */
    public static byte[] headerSection(byte[] message) {
        int bodyStart = MessageBytes.bodyStart(message);
        int end = bodyStart < 0 ? message.length : bodyStart - 2;
        if (end <= HEADER_LIMIT) {
            return Arrays.copyOf(message, end);
        }
        // after the last CRLF within the limit that a new field (not a folded line) follows
        int cut = 0;
        for (int i = HEADER_LIMIT - 2; i >= 0; i--) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] != ' ' && message[i + 2] != '\t') {
                cut = i + 2;
                break;
            }
        }
        return Arrays.copyOf(message, cut);
    }
}
