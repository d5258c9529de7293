package io.mailserver.smtp.outbound;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One message to hand to one remote server.
 *
 * @param mailFrom   the reverse-path without brackets, empty for the null sender
 * @param recipients forward-paths without brackets, all at the destination
 * @param size       the content's octets, for the SIZE parameter (RFC 1870)
 * @param content    the content as queued (CRLF lines, not dot-stuffed), read once, when DATA is accepted
 */
public record OutboundMessage(String mailFrom, List<String> recipients, long size, Multi<Buffer> content) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
    }
}
