package io.mailserver.smtp.outbound.dane;

import java.util.List;

/** What DNS says about the TLSA records of one MX host ({@code _25._tcp.<host>}). */
public sealed interface TlsaLookup {

    /**
     * DANE does not apply: the host's name or addresses are not DNSSEC-proved, or it has no TLSA
     * records (securely denied, or in an unsigned zone).
     */
    record None() implements TlsaLookup {
    }

    /**
     * DNSSEC-proved records: the host must be reached over TLS, authenticated by the {@link Tlsa#usable()
     * usable} ones; with none usable, over TLS unauthenticated (RFC 7672 §2.2).
     */
    record Found(List<Tlsa> records) implements TlsaLookup {
        public Found {
            records = List.copyOf(records);
        }

        public List<Tlsa> usable() {
            return records.stream().filter(Tlsa::usable).toList();
        }
    }

    /**
     * The lookup failed or did not validate (bogus): the host may not be tried now, in the clear or
     * otherwise, since the records an attacker hid may exist (RFC 7672 §2.2).
     */
    record Failed(String reason) implements TlsaLookup {
    }
}
