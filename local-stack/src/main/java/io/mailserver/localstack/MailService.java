package io.mailserver.localstack;

/** The six deployable services, by Maven module, in the order a system starts them. */
public enum MailService {
    AUTH("auth-service", "384m"),
    STORAGE("storage-service", "512m"),
    DNS("dns-service", "192m"),
    SMTP("smtp-service", "256m"), // holds up to 128 MiB of messages (mail.smtp.limits.message-memory)
    IMAP("imap-service", "256m"),
    POP3("pop3-service", "192m");

    private final String module;
    private final String heap;

    MailService(String module, String heap) {
        this.module = module;
        this.heap = heap;
    }

    public String module() {
        return module;
    }

    /** Maximum heap for a local run; production sizes come from the Helm chart. */
    public String heap() {
        return heap;
    }
}
