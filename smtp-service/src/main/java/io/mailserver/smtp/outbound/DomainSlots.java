package io.mailserver.smtp.outbound;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * At most so many attempts at once per destination domain (Postfix's destination concurrency limit):
 * a burst to one domain neither floods its servers, which answer floods with 421s and greylisting,
 * nor takes every one of this instance's attempts from mail to other domains.
 *
 * <p>The worker leases no more of a domain than its free slots ({@link #held()} goes with every
 * lease), so normally nothing waits here. The queue below is what holds the limit whatever storage
 * hands out (a storage-service that predates the per-domain lease, in a rolling upgrade): attempts
 * over the limit wait, in order, and start as earlier ones end.
 */
final class DomainSlots {

    private final int perDomain;
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Queue<Runnable>> waiting = new HashMap<>();

    DomainSlots(int perDomain) {
        this.perDomain = Math.max(1, perDomain);
    }

    int perDomain() {
        return perDomain;
    }

    /** Starts {@code attempt} now if {@code domain} has a free slot, else once one frees. */
    void submit(String domain, Runnable attempt) {
        synchronized (this) {
            int now = running.getOrDefault(domain, 0);
            if (now >= perDomain) {
                waiting.computeIfAbsent(domain, d -> new ArrayDeque<>()).add(attempt);
                return;
            }
            running.put(domain, now + 1);
        }
        attempt.run();
    }

    /** An attempt at {@code domain} ended: the next one waiting for it, if any, starts in its slot. */
    void release(String domain) {
        Runnable next;
        synchronized (this) {
            Queue<Runnable> queue = waiting.get(domain);
            next = queue == null ? null : queue.poll();
            if (queue != null && queue.isEmpty()) {
                waiting.remove(domain);
            }
            if (next == null) {
                int left = running.getOrDefault(domain, 1) - 1;
                if (left <= 0) {
                    running.remove(domain);
                } else {
                    running.put(domain, left);
                }
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Attempts held per domain, running or waiting: what a lease must leave room for. */
    synchronized Map<String, Integer> held() {
        Map<String, Integer> held = new HashMap<>(running);
        waiting.forEach((domain, queue) -> held.merge(domain, queue.size(), Integer::sum));
        return held;
    }

    synchronized int running(String domain) {
        return running.getOrDefault(domain, 0);
    }

    synchronized int waiting(String domain) {
        Queue<Runnable> queue = waiting.get(domain);
        return queue == null ? 0 : queue.size();
    }
}
