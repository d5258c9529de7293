package io.mailserver.smtp.outbound.tls;

/** What one delivery attempt demands of TLS. */
public sealed interface TlsPolicy {

    TlsPolicy OPPORTUNISTIC = new Opportunistic();

    /** STARTTLS whenever offered, any certificate, plaintext when not offered (RFC 7435). */
    record Opportunistic() implements TlsPolicy {
    }

    /**
     * STARTTLS required, and a trusted certificate for {@code host}; otherwise nothing is sent and
     * the attempt defers.
     *
     * @param host the name the certificate must hold (the MX host name, not the address)
     * @param by   what demands it, for the diagnostic ("the MTA-STS policy of example.com")
     */
    record Verified(String host, String by) implements TlsPolicy {
    }
}
