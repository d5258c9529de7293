package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Free loopback ports for the three SMTP listeners of the application under test, and limits small
 * enough that tests can cross them cheaply. Tests read the ports back as {@code mail.smtp.*.port}.
 */
public final class SmtpPortsResource implements QuarkusTestResourceLifecycleManager {

    /** The message size limit in tests, so an oversize message costs one MiB, not fifty. */
    public static final int MAX_MESSAGE_SIZE = 1024 * 1024;
    /** Message memory of the whole instance in tests: two messages of the largest size. */
    public static final int MESSAGE_MEMORY = 2 * MAX_MESSAGE_SIZE;
    public static final int CONNECTIONS_PER_ADDRESS = 12;
    public static final int MAX_ERRORS = 10;
    /** Per-address budgets of the one client address tests do not exempt, 127.0.0.2. */
    public static final int BUDGET_ERRORS = 4;
    public static final int BUDGET_RECIPIENTS = 3;
    /**
     * Short enough to test within the line client's 15 s read timeout, long enough for any pause a
     * test makes while a connection is open (stopping a peer service takes a few seconds).
     */
    public static final int IDLE_SECONDS = 10;
    /** Per-account sending limits, small enough for a test to reach, large enough for every other test's submissions. */
    public static final int MESSAGES_PER_HOUR = 12;
    public static final int RECIPIENTS_PER_HOUR = 14;
    /** The MX's greeting delay in tests: long enough for an early talker's bytes to arrive first, short for every other test. */
    public static final int MX_GREETING_DELAY_MILLIS = 200;
    /** Where mail to postmaster goes when a domain has none of its own (a test creates the account). */
    public static final String POSTMASTER = "postmaster-box@operators.test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "mail.smtp.host", "127.0.0.1",
                "mail.smtp.limits.message-memory", Integer.toString(MESSAGE_MEMORY),
                "mail.smtp.mx.port", Integer.toString(FreePorts.find()),
                "mail.smtp.submission.port", Integer.toString(FreePorts.find()),
                "mail.smtp.submissions.port", Integer.toString(FreePorts.find()),
                "mail.smtp.limits.message-size", Integer.toString(MAX_MESSAGE_SIZE),
                "mail.smtp.limits.connections-per-address", Integer.toString(CONNECTIONS_PER_ADDRESS),
                "mail.smtp.limits.errors", Integer.toString(MAX_ERRORS),
                "mail.smtp.timeouts.idle", IDLE_SECONDS + "s",
                "mail.smtp.postmaster", POSTMASTER));
        // no DNS on test machines: relaying only where a test routes it (SmtpSinkResource turns MX lookup on)
        config.put("mail.smtp.delivery.mx-lookup", "false");
        // nor SPF/DKIM/DMARC lookups: MailAuthenticationTest turns them on against its own PowerDNS
        config.put("mail.smtp.mx.authentication.enabled", "false");
        config.put("mail.smtp.mx.greeting-delay", MX_GREETING_DELAY_MILLIS + "ms");
        // per-address budgets: small, and counted only for 127.0.0.2 (ClientBudgetsTest connects from
        // there); every other test is 127.0.0.1 and exempt
        config.put("mail.smtp.limits.address-errors", Integer.toString(BUDGET_ERRORS));
        config.put("mail.smtp.limits.address-recipients", Integer.toString(BUDGET_RECIPIENTS));
        config.put("mail.smtp.limits.address-exempt", "127.0.0.1/32,::1/128");
        config.put("mail.smtp.submission.messages-per-hour", Integer.toString(MESSAGES_PER_HOUR));
        config.put("mail.smtp.submission.recipients-per-hour", Integer.toString(RECIPIENTS_PER_HOUR));
        return config;
    }

    @Override
    public void stop() {
    }
}
