package io.mailserver.smtp.outbound.tls;

import io.mailserver.smtp.outbound.dane.Tlsa;
import java.util.List;

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

    /**
     * STARTTLS required, and a certificate chain one of {@code records} matches (RFC 7672 §3.1);
     * otherwise nothing is sent and the attempt defers.
     *
     * @param host    the MX host name (SNI, and the first reference name for DANE-TA)
     * @param records the usable TLSA records of {@code _25._tcp.<host>}
     */
    record Dane(String host, List<Tlsa> records) implements TlsPolicy {
        public Dane {
            // in one order whatever order DNS gave them, so that sessions parked under one lookup serve the next
            records = records.stream().sorted(java.util.Comparator.comparing(Tlsa::toString)).toList();
        }
    }

    /**
     * STARTTLS required, any certificate: the host has DNSSEC-proved TLSA records, none of them usable
     * (RFC 7672 §2.2), so it is known to offer TLS but cannot be authenticated.
     */
    record Encrypted(String host) implements TlsPolicy {
    }

    /** Whether the attempt may not go on without TLS. */
    default boolean mandatory() {
        return !(this instanceof Opportunistic);
    }

    /** Whether the server's identity is checked, as REQUIRETLS needs (RFC 8689 §4.2.1). */
    default boolean authenticated() {
        return this instanceof Verified || this instanceof Dane;
    }

    /** The name to send as SNI and check: the policy's host name, else the address dialled. */
    default String serverName(String address) {
        if (this instanceof Verified v) {
            return v.host();
        }
        if (this instanceof Dane d) {
            return d.host();
        }
        return this instanceof Encrypted e ? e.host() : address;
    }

    /** What demands TLS, for diagnostics ("DANE (the TLSA records of mx.example.com)"). */
    default String demandedBy() {
        if (this instanceof Verified v) {
            return v.by();
        }
        if (this instanceof Dane d) {
            return "DANE (the TLSA records of " + d.host() + ")";
        }
        return this instanceof Encrypted e ? "the TLSA records of " + e.host() : "nothing";
    }
}
