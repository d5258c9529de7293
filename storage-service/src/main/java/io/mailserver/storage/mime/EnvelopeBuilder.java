package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.Envelope;
import java.util.List;

/**
 * RFC 9051 §7.5.2 ENVELOPE from a message header: strings are the unfolded raw field values (encoded
 * words kept), absent when the field is absent; a missing or empty Sender or Reply-To takes the From
 * addresses, as the RFC asks of the server.
 */
public final class EnvelopeBuilder {

    private EnvelopeBuilder() {
    }

    public static Envelope build(HeaderBlock header) {
        Envelope.Builder e = Envelope.newBuilder();
        header.value("Date").ifPresent(e::setDate);
        header.value("Subject").ifPresent(e::setSubject);
        List<Address> from = addresses(header, "From");
        List<Address> sender = addresses(header, "Sender");
        List<Address> replyTo = addresses(header, "Reply-To");
        e.addAllFrom(from);
        e.addAllSender(sender.isEmpty() ? from : sender);
        e.addAllReplyTo(replyTo.isEmpty() ? from : replyTo);
        e.addAllTo(addresses(header, "To"));
        e.addAllCc(addresses(header, "Cc"));
        e.addAllBcc(addresses(header, "Bcc"));
        header.value("In-Reply-To").ifPresent(e::setInReplyTo);
        header.value("Message-ID").ifPresent(e::setMessageId);
        return e.build();
    }

    private static List<Address> addresses(HeaderBlock header, String field) {
        return header.value(field).map(AddressLists::parse).orElse(List.of());
    }
}
