package io.mailserver.smtp.outbound.mtasts;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.smallrye.mutiny.Uni;

/** The two things MTA-STS asks the world: a TXT record and a policy file. */
public interface StsLookups {

    /** The TXT strings (each joined) at {@code _mta-sts.<domain>}; never fails, a failure is an answer. */
    Uni<DnsAnswer<String>> records(String domain);

    /**
     * The body of {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3: a trusted
     * certificate for that name, status 200, text/plain, no redirects followed); fails otherwise.
     */
    Uni<String> policy(String domain);
}
