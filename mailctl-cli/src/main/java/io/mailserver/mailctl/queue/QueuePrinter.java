package io.mailserver.mailctl.queue;

import io.mailserver.contracts.storage.v1.ListQueueResponse;
import io.mailserver.contracts.storage.v1.QueueEntry;
import io.mailserver.contracts.storage.v1.QueuedRecipient;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.contracts.storage.v1.TlsRequirement;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How queue entries read on the operator's terminal: one line (two with an error) each, or in full. */
final class QueuePrinter {

    private final PrintStream out;

    QueuePrinter(PrintStream out) {
        this.out = out;
    }

    void list(ListQueueResponse response, Instant now) {
        if (response.getEntriesCount() == 0) {
            out.println("the queue is empty");
            return;
        }
        for (QueueEntry entry : response.getEntriesList()) {
            out.printf("%-8d %s -> %s, %s, queued %s ago, %s%n", entry.getEntryId(), sender(entry),
                    printable(entry.getDomain()), recipients(entry.getRecipientsCount()),
                    age(Duration.between(instant(entry.getQueuedAt()), now)), next(entry, now));
            if (!entry.getLastError().isEmpty()) {
                out.println("         last error: " + printable(entry.getLastError()));
            }
        }
        long shown = response.getEntriesCount();
        out.println(shown == response.getTotal() ? shown + (shown == 1 ? " entry" : " entries")
                : shown + " of " + response.getTotal() + " entries shown");
    }

    void entry(QueueEntry entry, Instant now) {
        out.println("entry " + entry.getEntryId() + " (message " + entry.getQueueId() + ")");
        out.println("  from        " + sender(entry));
        out.println("  domain      " + printable(entry.getDomain()));
        out.println("  size        " + entry.getSize() + " bytes");
        out.println("  queued      " + instant(entry.getQueuedAt()) + " (expires " + instant(entry.getExpiresAt()) + ")");
        out.println("  attempts    " + entry.getAttempts() + ", " + next(entry, now));
        if (!entry.getEnvid().isEmpty()) {
            out.println("  envid       " + printable(entry.getEnvid()));
        }
        List<String> needs = needs(entry);
        if (!needs.isEmpty()) {
            out.println("  next hop    " + String.join(", ", needs));
        }
        if (!entry.getLastError().isEmpty()) {
            out.println("  last error  " + printable(entry.getLastError()));
        }
        out.println("  recipients");
        for (QueuedRecipient r : entry.getRecipientsList()) {
            out.println("    <" + printable(r.getRecipient().getAddress()) + ">");
        }
    }

    /** What the next hop must offer, or what the sender waived: why an entry may bounce or wait. */
    private static List<String> needs(QueueEntry entry) {
        List<String> needs = new ArrayList<>();
        if (entry.getTlsRequirement() == TlsRequirement.TLS_REQUIREMENT_REQUIRED) {
            needs.add("REQUIRETLS (verified TLS, MTA-STS-listed MX)");
        }
        if (entry.getSmtputf8()) {
            needs.add("SMTPUTF8");
        }
        if (entry.getEightBit()) {
            needs.add("8BITMIME");
        }
        if (entry.getTlsRequirement() == TlsRequirement.TLS_REQUIREMENT_OPTIONAL) {
            needs.add("MTA-STS waived (TLS-Required: No)");
        }
        return needs;
    }

    private static String next(QueueEntry entry, Instant now) {
        if (entry.hasLeaseUntil() && instant(entry.getLeaseUntil()).isAfter(now)) {
            return "being attempted now";
        }
        Instant next = instant(entry.getNextAttemptAt());
        return next.isAfter(now) ? "next attempt in " + age(Duration.between(now, next)) : "due now";
    }

    private static String sender(QueueEntry entry) {
        return "<" + printable(entry.getMailFrom()) + ">";
    }

    static String recipients(int n) {
        return n == 1 ? "1 recipient" : n + " recipients";
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getEpochSeconds());
    }

    /** Rough, like mailq: the largest unit only. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /**
     * No terminal escape, line break or bidirectional override from a remote server or a sender
     * reaches the operator's screen.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            b.appendCodePoint(hidden ? '?' : c);
        });
        return b.toString();
    }
}
