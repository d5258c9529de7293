package io.mailserver.protocol.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * When a login that carries the secret in the clear (IMAP LOGIN and AUTHENTICATE PLAIN, POP3
 * USER/PASS and AUTH PLAIN) may run on a connection without TLS. A connection with TLS may always
 * log in.
 *
 * <p>Loopback is not trusted by default, unlike Dovecot: in front of a cluster the peer of a
 * connection is often a proxy or a port-forward on the same host, so "127.0.0.1" says nothing about
 * where the password travelled. {@link #LOOPBACK} is for a developer's own machine.
 */
public enum CleartextAuth {
    /** Only after STARTTLS/STLS or on the implicit-TLS port (the default). */
    NEVER,
    /** Also on unencrypted connections from a loopback address. */
    LOOPBACK,
    /** Also on any unencrypted connection (not for production). */
    ALWAYS;

    /**
     * @param tls           whether the connection is protected by TLS
     * @param remoteAddress the client's IP address as text (no name is ever looked up)
     */
    public boolean allows(boolean tls, String remoteAddress) {
        return tls || this == ALWAYS || this == LOOPBACK && isLoopback(remoteAddress);
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty() || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == '.' || c == ':')) {
            return false;
        }
        try {
            // An IP literal is parsed, never resolved.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
