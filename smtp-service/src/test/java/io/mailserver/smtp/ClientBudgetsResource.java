package io.mailserver.smtp;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Small per-address budgets, and loopback no longer exempt, so one test client can spend them. */
public final class ClientBudgetsResource implements QuarkusTestResourceLifecycleManager {

    static final int ERRORS = 4;
    static final int RECIPIENTS = 3;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mail.smtp.limits.address-errors", Integer.toString(ERRORS),
                "mail.smtp.limits.address-recipients", Integer.toString(RECIPIENTS),
                "mail.smtp.limits.address-exempt", "192.0.2.0/24");
    }

    @Override
    public void stop() {
    }
}
