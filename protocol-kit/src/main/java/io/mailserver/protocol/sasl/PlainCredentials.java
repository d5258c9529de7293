package io.mailserver.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The message of the PLAIN mechanism (RFC 4616 §2): {@code [authzid] NUL authcid NUL passwd}.
 *
 * @param authorizationId the identity to act as, empty when the client asks for its own
 * @param user            the login name
 * @param password        the secret; never printed
 */
public record PlainCredentials(String authorizationId, String user, String password) {

    /** The credentials, or empty when the octets are not a PLAIN message with a login name. */
    public static Optional<PlainCredentials> decode(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] parts = text.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlainCredentials(parts[0], parts[1], parts[2]));
    }

    /** A client may only act as itself: acting as another user (proxy authorization) is not offered. */
    public boolean actsAsItself() {
        return authorizationId.isEmpty() || authorizationId.equals(user);
    }

    @Override
    public String toString() {
        return "PlainCredentials[user=" + user + "]";
    }
}
