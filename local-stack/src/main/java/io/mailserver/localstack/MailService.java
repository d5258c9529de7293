package io.mailserver.localstack;

/** The six deployable services, by Maven module, in the order a system starts them. */
public enum MailService {
    AUTH("auth-service", "384m", true),
    STORAGE("storage-service", "512m", true),
    DNS("dns-service", "192m", false),
    SMTP("smtp-service", "256m", false), // holds up to 128 MiB of messages (mail.smtp.limits.message-memory)
    IMAP("imap-service", "256m", false),
    POP3("pop3-service", "192m", false);

    private final String module;
    private final String heap;
    private final boolean ownsSchema;

    MailService(String module, String heap, boolean ownsSchema) {
        this.module = module;
        this.heap = heap;
        this.ownsSchema = ownsSchema;
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
