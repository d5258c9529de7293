package io.mailserver.localstack;

import java.util.List;

/** The six deployable services, by Maven module, in the order a system starts them. */
public enum MailService {
    // Argon2's working memory (19 MiB a hash) is promoted and left behind as garbage in bursts; after
    // the full collection that ends a burst (mail.auth.argon2.release-memory-after) the heap shrinks to
    // its live data plus 40%, not 70%: auth at rest 163 -> 61 MiB of heap. A floor of 30% free (not
    // 10%) keeps a burst of hashes from needing a full collection for nearly every hash. A young
    // generation of at most 8 MiB: a hash's 19 MiB of blocks outgrow any young generation of this
    // heap and are promoted anyway, and auth's other allocations per call are small; a larger one
    // held only garbage at rest (-10 MiB resident for the whole system).
    AUTH("auth-service", "384m", true, List.of("-XX:MinHeapFreeRatio=30", "-XX:MaxHeapFreeRatio=40", "-XX:MaxNewSize=8m")),
    STORAGE("storage-service", "512m", true, List.of()),
    // DNS records and POP3 are not CPU-bound: C1 alone compiles them well enough, without C2's compiler
    // memory and larger code; their live heap at rest is 11-17 MiB, so a smaller floor than 24 MiB,
    // and a young generation of a few MiB, which allocation cycles through and so keeps resident
    // whole: ample for their rate (-4 MiB resident at rest)
    DNS("dns-service", "192m", false, List.of("-XX:TieredStopAtLevel=1", "-Xms12m", "-XX:MaxNewSize=4m")),
    SMTP("smtp-service", "256m", false, List.of()), // holds up to 128 MiB of messages (mail.smtp.limits.message-memory)
    IMAP("imap-service", "256m", false, List.of()),
    POP3("pop3-service", "192m", false, List.of("-XX:TieredStopAtLevel=1", "-Xms12m", "-XX:MaxNewSize=6m"));

    private final String module;
    private final String heap;
    private final boolean ownsSchema;
    private final List<String> jvmOptions;

    MailService(String module, String heap, boolean ownsSchema, List<String> jvmOptions) {
        this.module = module;
        this.heap = heap;
        this.ownsSchema = ownsSchema;
        this.jvmOptions = jvmOptions;
    }

    /** JVM options of this service's local run, after {@link io.mailserver.localstack.process.SmallJvm}'s. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public String module() {
        return module;
    }

    /** Maximum heap for a local run; production sizes come from the Helm chart. */
    public String heap() {
        return heap;
    }

    /** Whether the service has a PostgreSQL schema of its own, migrated by its Liquibase changelog. */
    public boolean ownsSchema() {
        return ownsSchema;
    }
}
