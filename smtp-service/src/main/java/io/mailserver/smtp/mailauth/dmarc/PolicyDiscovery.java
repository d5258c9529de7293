package io.mailserver.smtp.mailauth.dmarc;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.util.List;
import java.util.Optional;

/** What policy discovery (RFC 7489 §6.6.3) found for an author domain. */
sealed interface PolicyDiscovery {

    /**
     * @param policyDomain where the record was published
     * @param inherited whether it came from the organizational domain (then sp or np applies, not p)
     */
    record Found(DmarcRecord record, String policyDomain, boolean inherited) implements PolicyDiscovery {
    }

    record Absent(String reason) implements PolicyDiscovery {
    }

    /** Several records at one name: §6.6.3 ends discovery there, without looking further up. */
    record Ambiguous(String domain) implements PolicyDiscovery {
    }

    record DnsError(String domain) implements PolicyDiscovery {
    }

    /** A DMARC record without a usable policy: a permerror for Authentication-Results. */
    record Invalid(String policyDomain) implements PolicyDiscovery {
    }

    static PolicyDiscovery discover(DnsTxtResolver dns, String authorDomain, String organizationalDomain) {
        PolicyDiscovery atAuthor = at(dns, authorDomain, false);
        if (!(atAuthor instanceof Absent) || organizationalDomain.equals(authorDomain)) {
            return atAuthor;
        }
        return at(dns, organizationalDomain, true);
    }

    private static PolicyDiscovery at(DnsTxtResolver dns, String domain, boolean inherited) {
        DnsAnswer<String> answer = dns.txt("_dmarc." + domain);
        if (answer instanceof DnsAnswer.Failure<String>) {
            return new DnsError(domain);
        }
        List<String> records = answer instanceof DnsAnswer.Records<String> found
                ? found.values().stream().filter(DmarcRecord::isDmarc).toList()
                : List.of();
        if (records.isEmpty()) {
            return new Absent("no DMARC record at " + domain);
        }
        if (records.size() > 1) {
            return new Ambiguous(domain);
        }
        Optional<DmarcRecord> record = DmarcRecord.parse(records.get(0));
        return record.<PolicyDiscovery>map(r -> new Found(r, domain, inherited)).orElseGet(() -> new Invalid(domain));
    }
}
