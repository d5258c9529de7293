package io.mailserver.imap.client;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.imap.message.Address;
import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Disposition;
import io.mailserver.imap.message.Envelope;
import io.mailserver.imap.message.Parameter;
import java.util.List;

/** Storage's ENVELOPE and BODYSTRUCTURE messages as imap-service's {@code message} records. */
public final class MessageStructures {

    private MessageStructures() {
    }

    public static Envelope envelope(io.mailserver.contracts.storage.v1.Envelope e) {
        return new Envelope(e.hasDate() ? e.getDate() : null, e.hasSubject() ? e.getSubject() : null,
                addresses(e.getFromList()), addresses(e.getSenderList()), addresses(e.getReplyToList()),
                addresses(e.getToList()), addresses(e.getCcList()), addresses(e.getBccList()),
                e.hasInReplyTo() ? e.getInReplyTo() : null, e.hasMessageId() ? e.getMessageId() : null);
    }

    public static BodyStructure body(BodyPart p) {
        return new BodyStructure(p.getType(), p.getSubtype(), parameters(p.getParamsList()),
                p.hasId() ? p.getId() : null, p.hasDescription() ? p.getDescription() : null, p.getEncoding(),
                p.getSize(), p.getLines(), p.hasEnvelope() ? envelope(p.getEnvelope()) : Envelope.EMPTY,
                p.hasMessageBody() ? body(p.getMessageBody()) : null,
                p.getPartsList().stream().map(MessageStructures::body).toList(),
                p.hasMd5() ? p.getMd5() : null,
                p.hasDisposition() && !p.getDisposition().getType().isEmpty()
                        ? new Disposition(p.getDisposition().getType(), parameters(p.getDisposition().getParamsList()))
                        : null,
                p.getLanguageList(), p.hasLocation() ? p.getLocation() : null);
    }

    private static List<Address> addresses(List<io.mailserver.contracts.storage.v1.Address> addresses) {
        return addresses.stream()
                .map(a -> new Address(a.hasName() ? a.getName() : null, a.hasAdl() ? a.getAdl() : null,
                        a.hasMailbox() ? a.getMailbox() : null, a.hasHost() ? a.getHost() : null))
                .toList();
    }

    private static List<Parameter> parameters(List<io.mailserver.contracts.storage.v1.Parameter> params) {
        return params.stream().map(p -> new Parameter(p.getName(), p.getValue())).toList();
    }
}
