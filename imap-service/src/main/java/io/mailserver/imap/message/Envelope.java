package io.mailserver.imap.message;

import java.util.List;

/** The header fields of RFC 9051 §7.5.2 ENVELOPE, as they were in the message (null when absent). */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender,
        List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo,
        String messageId) {

    public static final Envelope EMPTY = new Envelope(null, null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), null, null);

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
