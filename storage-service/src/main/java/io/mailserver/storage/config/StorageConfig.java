package io.mailserver.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of storage-service, nested by concern. */
@ConfigMapping(prefix = "mail.storage")
public interface StorageConfig {

    /** Limits on incoming messages (Deliver and AppendMessage). */
    Message message();

    /** The blob store: compression and the orphan collector. */
    Blob blob();

    /** FetchMessages streaming. */
    Fetch fetch();

    /** SELECT's snapshot of a mailbox. */
    Select select();

    /** SEARCH's text keys. */
    Search search();

    /** Provisioning of accounts on first touch. */
    Account account();

    /** Idempotent delivery records. */
    Delivery delivery();

    /** RFC 9208 quota limits for accounts that have none of their own. */
    Quota quota();

    /** The outbound queue ({@code mail.storage.queue.*}). */
    Queue queue();

    interface Queue {
        /**
         * How long a queued message is retried before its remaining recipients bounce (RFC 5321
         * §4.5.4.1 suggests at least 4-5 days).
         */
        @WithDefault("5d")
        Duration lifetime();

        /** Longest lease a worker may ask for; a killed worker's entries wait at most this long. */
        @WithDefault("15m")
        Duration maxLease();

        /**
         * Entries of one destination domain leased at once by all delivery workers together: attempts
         * running in every smtp-service instance count, so scaling out does not multiply what one
         * remote domain sees (each instance also keeps to its own
         * {@code mail.smtp.delivery.per-domain-concurrency}). 0 for no limit.
         */
        @WithDefault("20")
        int maxLeasedPerDomain();

        /** How often the queue gauges ({@code mail.storage.queue.*}) are counted. */
        @WithDefault("15s")
        Duration metricsInterval();
    }

    interface Quota {
        /** Bytes of messages an account may keep (the sum of RFC822.SIZE); 0 for no limit. */
        @WithDefault("0")
        long storageBytes();

        /** Messages an account may keep; 0 for no limit. */
        @WithDefault("0")
        long messages();
    }

    /** Repairing drift between auth-service's accounts and the accounts provisioned here. */
    Reconcile reconcile();

    interface Message {
        /**
         * Largest message accepted, in bytes; a bigger stream fails with RESOURCE_EXHAUSTED. A hard
         * ceiling above the protocol services' own limits (50 MiB by default), which they enforce
         * before adding trace headers of their own.
         */
        @WithDefault("67108864")
        long maxSize();

        /**
         * Bytes of all the messages of one AppendMessage call together (an IMAP MULTIAPPEND, RFC 3502),
         * held until the batch commits as one; each message is still bounded by {@link #maxSize()}.
         */
        @WithDefault("134217728")
        long maxAppendBatch();

        /**
         * Message bytes all Deliver and AppendMessage calls of this instance may hold at once while
         * receiving and parsing; a call whose bytes would pass it fails RESOURCE_EXHAUSTED (temporary).
         */
        @WithDefault("268435456")
        long ingestMemory();

        /** Characters of decoded body text fed to the full-text index per message. */
        @WithDefault("1048576")
        int indexTextLimit();

        /** Characters of decoded header lines kept for header search per message. */
        @WithDefault("262144")
        int searchHeadersLimit();

        /** Nesting depth of multipart and message/rfc822 parts parsed before the rest is treated as text/plain. */
        @WithDefault("32")
        int maxMimeDepth();

        /** MIME parts described per message before further parts are left out of the body structure. */
        @WithDefault("5000")
        int maxMimeParts();
    }

    interface Blob {
        /** How often the collector deletes unreferenced blobs and expired delivery records. */
        @WithDefault("10m")
        Duration collectorInterval();

        /** How long a blob stays after its last reference went away, before the collector deletes it. */
        @WithDefault("1h")
        Duration collectorGrace();

        /** Blob rows deleted per collector statement, so one run never holds a long lock. */
        @WithDefault("1000")
        int collectorBatch();
    }

    interface Select {
        /**
         * UID ranges of lately selected mailboxes kept per instance, so SELECT reads only what changed
         * since; each mailbox counts its ranges plus 10 for its bookkeeping (a unit is about 16 octets
         * of heap); 0 keeps none. A mailbox costing more than a quarter of this is read whole every time.
         */
        @WithDefault("1000000")
        long cachedRanges();
    }

    interface Search {
        /**
         * From this many messages in the searched mailbox on, each text key (HEADER, BODY, TEXT, ...)
         * is first counted in the trigram index over all accounts' content, up to half the mailbox's
         * messages and within {@code probe-budget}: when fewer match, the search may start from the
         * index; otherwise, and always in smaller mailboxes, the key is checked message by message.
         * 0 probes every search.
         */
        @WithDefault("2000")
        long probeFrom();

        /** Text keys probed per search at most; the rest are checked message by message. */
        @WithDefault("8")
        int maxProbes();

        /**
         * Time one probe may take; past it the key is checked message by message (words common
         * alone but rare together leave the index many candidates to read for few matches).
         */
        @WithDefault("50ms")
        java.time.Duration probeBudget();
    }

    interface Fetch {
        /** Bytes per SectionChunk; at most 64 KiB. */
        @WithDefault("65536")
        int chunkSize();

        /** Messages read per SQL query while streaming a fetch. */
        @WithDefault("200")
        int batchSize();

        /**
         * Messages read per SQL query when a fetch asks only for flags, UID, size, dates or MODSEQ
         * (rows of about a hundred octets): FETCH 1:* (FLAGS) on 100,000 messages is 50 queries,
         * not 500 one after the other.
         */
        @WithDefault("2000")
        int narrowBatchSize();

        /**
         * Fetches streaming message bodies at once on this instance; more wait. Each holds about one
         * compression frame (1 MiB) and one read piece (256 KiB) while it runs, whatever the size
         * of the messages, so this bounds the memory fetches take.
         */
        @WithDefault("32")
        int maxConcurrentStreams();

        /** Fetches that may wait for a body stream; beyond, a fetch is refused (a temporary failure). */
        @WithDefault("256")
        int maxWaitingStreams();

        /**
         * Body streams one account may run at once; its further fetches wait in line (a quarter of
         * {@code max-waiting-streams} at most, refused beyond: a temporary failure). Keeps one client
         * that asks on many connections and does not read from tying up every stream of the instance.
         */
        @WithDefault("8")
        int maxStreamsPerAccount();

        /**
         * Bytes of a header read to pick HEADER.FIELDS out of a nested message's header; a header
         * longer than this (a hostile message without an empty line) is searched in its first part only.
         */
        @WithDefault("1048576")
        int maxHeaderBytes();
    }

    interface Account {
        /** How long this instance trusts that an account it provisioned still exists. */
        @WithDefault("60s")
        Duration provisionedCacheTtl();
    }

    interface Reconcile {
        /**
         * How often the accounts are reconciled with auth-service (also once shortly after start);
         * 0 turns it off. A run provisions accounts auth-service has and storage lacks (a lost
         * CREATED), and removes the data of accounts auth-service says do not exist (a lost DELETED).
         */
        @WithDefault("1h")
        Duration interval();

        /** Wait after start before the first run, so peers have time to come up. */
        @WithDefault("30s")
        Duration initialDelay();

        /**
         * The most accounts one run may remove. A run that would remove more removes none and reports
         * it: that many missing accounts more likely means auth-service reads the wrong database than
         * that so many deletions were lost.
         */
        @WithDefault("100")
        int maxRemovals();

        /** Accounts asked from auth-service per call. */
        @WithDefault("500")
        int pageSize();
    }

    interface Delivery {
        /** How long a Deliver result is kept for answering a retry with the same delivery id. */
        @WithDefault("7d")
        Duration retention();

        /**
         * Deliver and AppendMessage roll back instead of committing when less than this remains of
         * the caller's deadline (or the caller cancelled): the caller would give up before the answer
         * arrived, report a temporary failure, and its retry would store the message twice. Covers a
         * commit and the answer's way back.
         */
        @WithDefault("2s")
        Duration commitMargin();

        /**
         * The most deliveries that one transaction commits together. Local deliveries (with a delivery
         * id, not submissions) whose recipients all go to one mailbox run at most two at a time per
         * lane ({@link #groupLanes}) in each instance; those that arrive meanwhile are written together
         * next, paying each mailbox's lock and the commit's disk flush once. 1: each commits alone.
         */
        @WithDefault("32")
        int groupMax();

        /**
         * The lanes grouped deliveries queue in, per instance (at least 1): deliveries to one account
         * and mailbox name go to one lane, hashed among them, and a lane runs at most two
         * transactions at a time; what arrives meanwhile commits together, whichever of the lane's
         * mailboxes it goes to. Fewer lanes mean bigger batches (fewer commits and disk flushes) but
         * fewer transactions at once, and a slow member (a large message, a mailbox locked by a long
         * IMAP command) delays more of the others.
         */
        @WithDefault("2")
        int groupLanes();
    }
}
