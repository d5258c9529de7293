package io.mailserver.smtp.session;

/**
 * What a session knows about its connection, independent of the SMTP state.
 *
 * @param listener      which listener accepted the connection
 * @param remoteIp      the client's IP address, textual
 * @param remoteHost    the client's host name when known, else its IP address
 * @param tlsActive     whether the connection is protected by TLS now
 * @param tlsConfigured whether this server has a certificate at all
 */
public record ConnectionInfo(Listener listener, String remoteIp, String remoteHost, boolean tlsActive,
        boolean tlsConfigured) {

    /** STARTTLS is offered only with a certificate and only before TLS is active (RFC 3207 §4.2). */
    public boolean canStartTls() {
        return tlsConfigured && !tlsActive;
    }

    /** After a successful STARTTLS handshake. */
    public ConnectionInfo withTls() {
        return new ConnectionInfo(listener, remoteIp, remoteHost, true, tlsConfigured);
    }
}
