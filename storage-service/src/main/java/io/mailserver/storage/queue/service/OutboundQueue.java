package io.mailserver.storage.queue.service;

import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.OutboundRecipient;
import io.mailserver.contracts.storage.v1.RecipientOutcome;
import io.mailserver.contracts.storage.v1.TlsRequirement;
import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.queue.repository.DomainAllowance;
import io.mailserver.storage.queue.repository.QueueEntryRow;
import io.mailserver.storage.queue.repository.QueueRepository;
import io.mailserver.storage.queue.repository.QueuedRecipientRow;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outbound queue: what Deliver queues for other domains, and the lease, fetch and report steps of
 * the workers that deliver it. Every byte of a queued address came from a remote client, so an
 * address is checked here again (no control characters, no spaces outside quotes would matter to
 * SQL, but they would to the SMTP command a worker writes with it).
 */
@ApplicationScoped
public class OutboundQueue {

    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included. */
    static final int MAX_ADDRESS = 254;
    static final int MAX_DIAGNOSTIC = 1000;
    static final int MAX_ENTRIES_PER_LEASE = 100;
    /** The chunk size of a queued message's content stream. */
    static final int CHUNK = 64 * 1024;
    /** The advisory lock leases take turns on while {@code max-leased-per-domain} is on ("OUTQ"). */
    static final long LEASE_LOCK = 0x4F555451L;

    private final Pool pool;
    private final QueueRepository queue;
    private final BlobStore blobs;
    private final StorageConfig.Queue config;

    public OutboundQueue(Pool pool, QueueRepository queue, BlobStore blobs, StorageConfig config) {
        this.pool = pool;
        this.queue = queue;
        this.blobs = blobs;
        this.config = config.queue();
    }

    /**
     * The envelope's outbound recipients by destination domain (lower case), each with its index in
     * the envelope; fails with INVALID_ARGUMENT on an address a worker could not safely send.
     */
    public static Map<String, List<QueuedRecipientRow>> byDomain(List<OutboundRecipient> recipients) {
        Map<String, List<QueuedRecipientRow>> byDomain = new LinkedHashMap<>();
        for (int i = 0; i < recipients.size(); i++) {
            OutboundRecipient r = recipients.get(i);
            String address = r.getAddress();
            int at = address.lastIndexOf('@');
            if (at <= 0 || at == address.length() - 1 || address.length() > MAX_ADDRESS || !safe(address)
                    || !safe(r.getOriginalRecipient()) || r.getOriginalRecipient().length() > 500) {
                throw StorageException.invalidArgument("outbound recipient " + i + " is not a mailbox");
            }
            String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
            byDomain.computeIfAbsent(domain, d -> new ArrayList<>())
                    .add(new QueuedRecipientRow(i, address, r.getOriginalRecipient(), notify(r)));
        }
        return byDomain;
    }

    /**
     * No control characters and no angle brackets: what an SMTP command line can carry inside a path
     * (a space is allowed for quoted local parts, {@code "john doe"@example.org}).
     */
    public static boolean safe(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != '<' && c != '>');
    }

    static final int MAX_OUTBOUND_HEADER = 64 * 1024;

    /**
     * Whether {@code header} is what a caller may put on top of a queued copy: empty, or ASCII header
     * fields (a name, a colon, folded lines starting with white space), each line ending in CRLF and
     * none bare CR or LF, so it can neither end the header section early nor smuggle a line ending.
     */
    public static boolean headerFields(com.google.protobuf.ByteString header) {
        if (header.size() > MAX_OUTBOUND_HEADER) {
            return false;
        }
        String text = header.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return true;
        }
        if (!text.endsWith("\r\n")) {
            return false;
        }
        boolean first = true;
        for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            boolean printable = line.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
            boolean fieldStart = line.matches("[!-9;-~]+:.*");
            if (!printable || line.isBlank() || (first ? !fieldStart : !(fieldStart || continuation))) {
                return false;
            }
            first = false;
        }
        return true;
    }

    private static String notify(OutboundRecipient r) {
        if (r.getNotifyNever()) {
            return "NEVER";
        }
        List<String> keywords = new ArrayList<>();
        if (r.getNotifySuccess()) {
            keywords.add("SUCCESS");
        }
        if (r.getNotifyFailure()) {
            keywords.add("FAILURE");
        }
        if (r.getNotifyDelay()) {
            keywords.add("DELAY");
        }
        return String.join(",", keywords);
    }

    /**
     * Queues the message inside Deliver's transaction: one reference to {@code blob} (its content as
     * received), one entry per domain.
     *
     * @return the queue id
     */
    public Uni<Long> enqueue(SqlConnection tx, DeliveryEnvelope envelope, CompressedBlob blob,
            Map<String, List<QueuedRecipientRow>> byDomain) {
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(config.lifetime());
        QueueRepository.NewOutbound message = new QueueRepository.NewOutbound(envelope.getDeliveryId(), blob.id(),
                envelope.getOutboundMailFrom().isEmpty() ? envelope.getMailFrom() : envelope.getOutboundMailFrom(),
                blob.rawSize(), envelope.getEnvid(), envelope.getReturnHeadersOnly(), envelope.getReturnFull(),
                envelope.getSmtputf8(), envelope.getEightBit(), tlsRequirement(envelope.getTlsRequirement()), expires);
        return blobs.put(tx, blob).flatMap(ignored -> queue.insert(tx, message, byDomain));
    }

    /** The queue id of a message Deliver queued under this delivery id before, or null. */
    public Uni<Long> queued(SqlConnection tx, String deliveryId) {
        return deliveryId.isEmpty() ? Uni.createFrom().nullItem() : queue.findByDelivery(tx, deliveryId);
    }

    public Uni<List<QueueEntryRow>> lease(String worker, int maxEntries, int leaseSeconds, DomainAllowance allowance) {
        checkLease(worker, leaseSeconds);
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES_PER_LEASE) {
            throw StorageException.invalidArgument("max_entries must be 1 to " + MAX_ENTRIES_PER_LEASE);
        }
        if (allowance.maxPerDomain() < 0) {
            throw StorageException.invalidArgument("max_per_domain must not be negative");
        }
        if (allowance.held().size() > MAX_ENTRIES_PER_LEASE * 10) {
            throw StorageException.invalidArgument("held_per_domain names at most " + MAX_ENTRIES_PER_LEASE * 10 + " domains");
        }
        if (allowance.held().values().stream().anyMatch(n -> n < 0)) {
            throw StorageException.invalidArgument("held_per_domain counts must not be negative");
        }
        int cap = config.maxLeasedPerDomain();
        // with a cap over all workers, leases take turns: counted and taken in one step each
        return pool.withTransaction(tx -> (cap == 0 ? Uni.createFrom().voidItem()
                        : tx.query("SELECT pg_advisory_xact_lock(" + LEASE_LOCK + ")").execute().replaceWithVoid())
                .flatMap(locked -> queue.lease(tx, worker, maxEntries, leaseSeconds, allowance, cap)));
    }

    /** Extends the worker's unexpired leases of {@code entryIds}; answers those renewed. */
    public Uni<List<Long>> renew(String worker, List<Long> entryIds, int leaseSeconds) {
        checkLease(worker, leaseSeconds);
        if (entryIds.size() > MAX_ENTRIES_PER_LEASE * 10) {
            throw StorageException.invalidArgument("at most " + MAX_ENTRIES_PER_LEASE * 10 + " entries at once");
        }
        return entryIds.isEmpty() ? Uni.createFrom().item(List.of()) : queue.renew(pool, worker, entryIds, leaseSeconds);
    }

    private void checkLease(String worker, int leaseSeconds) {
        if (worker.isBlank() || worker.length() > 200) {
            throw StorageException.invalidArgument("a worker names itself (1 to 200 characters)");
        }
        if (leaseSeconds < 1 || leaseSeconds > config.maxLease().toSeconds()) {
            throw StorageException.invalidArgument("lease_seconds must be 1 to " + config.maxLease().toSeconds());
        }
    }

    /** The queued content of an entry the worker holds, streamed from the blob store. */
    public Multi<byte[]> content(long entryId, String worker) {
        return queue.leased(pool, entryId, worker, false)
                .onItem().ifNull().failWith(() -> StorageException.failedPrecondition("entry " + entryId
                        + " is not leased to " + worker))
                .onItem().transformToMulti(leased -> blobs.stream(leased.blob(), 0, leased.size(), CHUNK));
    }

    /**
     * Records one attempt of a leased entry. Delivered and bounced recipients are final; with
     * recipients left the entry is released and due again at {@code retryAt}; with none left it goes
     * (and with the message's last entry the message and its blob reference). {@code delayWarned}: the
     * worker sent the sender a delay notice with this attempt.
     *
     * @return the recipients still queued
     */
    public Uni<Integer> report(long entryId, String worker, List<RecipientOutcome> outcomes, OffsetDateTime retryAt,
            String error, boolean delayWarned) {
        List<Integer> indexes = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        for (RecipientOutcome outcome : outcomes) {
            String state = switch (outcome.getKind()) {
                case DELIVERED -> "delivered";
                case BOUNCED -> "bounced";
                case DEFERRED -> "queued";
                default -> throw StorageException.invalidArgument("recipient outcome without a kind");
            };
            indexes.add(outcome.getIndex());
            states.add(state);
            diagnostics.add(clip(outcome.getDiagnostic()));
        }
        return pool.withTransaction(tx -> queue.leased(tx, entryId, worker, true)
                .onItem().ifNull().failWith(() -> StorageException.failedPrecondition("entry " + entryId
                        + " is not leased to " + worker + " (the lease ran out?)"))
                .flatMap(leased -> queue.recordOutcomes(tx, entryId, indexes, states, diagnostics))
                .flatMap(ignored -> queue.remaining(tx, entryId))
                .call(remaining -> remaining > 0
                        ? queue.reschedule(tx, entryId, retryAt == null ? OffsetDateTime.now(ZoneOffset.UTC) : retryAt, clip(error),
                                delayWarned)
                        : queue.finish(tx, entryId).flatMap(blob -> release(tx, blob))));
    }

    private Uni<Void> release(SqlConnection tx, BlobId blob) {
        return blob == null ? Uni.createFrom().voidItem() : blobs.release(tx, List.of(blob));
    }

    private static String clip(String text) {
        String printable = text == null ? "" : text.replaceAll("[\\p{Cntrl}]", " ");
        return printable.length() <= MAX_DIAGNOSTIC ? printable : printable.substring(0, MAX_DIAGNOSTIC);
    }

    /** The queue's column value for a sender's TLS requirement: the enum's last word, in lower case. */
    static String tlsRequirement(TlsRequirement requirement) {
        return switch (requirement) {
            case TLS_REQUIREMENT_REQUIRED -> "required";
            case TLS_REQUIREMENT_OPTIONAL -> "optional";
            default -> "default";
        };
    }
}
