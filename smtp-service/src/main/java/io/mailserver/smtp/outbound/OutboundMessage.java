package io.mailserver.smtp.outbound;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.Ret;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One message to hand to one remote server.
 *
 * @param mailFrom          the reverse-path without brackets, empty for the null sender
 * @param recipients        the recipients, all at the destination
 * @param size              the content's octets, for the SIZE parameter (RFC 1870)
 * @param content           the content as queued (CRLF lines, not dot-stuffed), read once, when DATA is accepted
 * @param envid             the DSN ENVID as given (xtext), "" when none
 * @param ret               the DSN RET as the sender gave it, passed on to a server that offers DSN
 * @param smtputf8          the header section needs SMTPUTF8 (RFC 6531); UTF-8 addresses need it too
 * @param eightBit          the message needs 8BITMIME (RFC 6152): octets over 127
 * @param requireTls        REQUIRETLS (RFC 8689): the next hop must offer it and take it on MAIL
 */
public record OutboundMessage(String mailFrom, List<Recipient> recipients, long size, Multi<Buffer> content,
        String envid, Ret ret, boolean smtputf8, boolean eightBit, boolean requireTls) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
    }

    /**
     * A forward-path without brackets and its DSN parameters, passed on to a server that offers DSN.
     *
     * @param originalRecipient the ORCPT as given ({@code addr-type;xtext}), "" when none
     */
    public record Recipient(String address, Notify dsnNotify, String originalRecipient) {

        public static Recipient plain(String address) {
            return new Recipient(address, Notify.DEFAULT, "");
        }
    }
}
