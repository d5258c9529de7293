package io.mailserver.pop3.handler;

import io.mailserver.pop3.session.Pop3Session;
import io.smallrye.mutiny.Uni;

/** What to do with the client's next line in a SASL exchange (RFC 5034 §4). */
@FunctionalInterface
public interface SaslStep {

    /** @param response the line as sent: base64, or "*" to cancel */
    Uni<Outcome> respond(String response, Pop3Session session);
}
