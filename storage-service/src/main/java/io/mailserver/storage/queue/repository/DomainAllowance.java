package io.mailserver.storage.queue.repository;

import java.util.List;
import java.util.Map;

/**
 * How many entries of one destination domain a worker may hold at once, and how many of each it
 * holds already: a lease takes no more of a domain than the worker can attempt now.
 *
 * @param maxPerDomain at most this many of one domain held at once; 0 for no limit
 * @param held entries of each domain the worker holds
 */
public record DomainAllowance(int maxPerDomain, Map<String, Integer> held) {

    public DomainAllowance {
        held = Map.copyOf(held);
    }

    /** The domains of which the worker may lease nothing more. */
    public List<String> full() {
        return maxPerDomain == 0 ? List.of()
                : held.entrySet().stream().filter(e -> e.getValue() >= maxPerDomain).map(Map.Entry::getKey).toList();
    }
}
