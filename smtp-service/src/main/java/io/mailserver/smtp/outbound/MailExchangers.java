package io.mailserver.smtp.outbound;

import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where mail for a domain goes according to DNS (RFC 5321 §5.1): the resolver interface delivery
 * asks, so the rules here are written once and the DNS client behind them can be swapped.
 */
public interface MailExchangers {

    /** Never fails: a DNS failure is a {@link Lookup.Temporary}. */
    Uni<Lookup> lookup(String domain);

    /**
     * The TLSA records of {@code _<port>._tcp.<host>} (RFC 7672 §2.2.3), asked only for a host whose
     * {@link Lookup.Exchange#secure()} is true. Never fails: a failed or bogus lookup is a
     * {@link TlsaLookup.Failed}.
     */
    Uni<TlsaLookup> tlsa(String host, int port);

    sealed interface Lookup {

        /**
         * The addresses to try, in order: MX preference (equal preferences in random order), each host's
         * IPv4 then IPv6 addresses; the domain itself when it has no MX (the implicit MX).
         */
        record Addresses(List<Exchange> exchanges) implements Lookup {
            public Addresses {
                exchanges = List.copyOf(exchanges);
            }
        }

        /**
         * One address and the name of the mail host it belongs to (without the trailing dot): what
         * MTA-STS matches and a verified certificate must name.
         *
         * @param secure whether DNSSEC proved both the MX records (or their absence) and this address,
         *               so that the host's TLSA records count (RFC 7672 §2.2.1, §2.2.2)
         */
        record Exchange(String host, String address, boolean secure) {

            /** An address DNSSEC did not prove. */
            public Exchange(String host, String address) {
                this(host, address, false);
            }
        }

        /**
         * No mail can go there, ever: a null MX (RFC 7505, 556 5.1.10) or a domain that does not exist
         * (5.1.2).
         *
         * @param diagnostic a reply-shaped line ("556 5.1.10 ...") for the bounce
         */
        record Permanent(String diagnostic) implements Lookup {
        }

        /** DNS could not answer now (timeout, SERVFAIL). */
        record Temporary(String diagnostic) implements Lookup {
        }
    }
}
