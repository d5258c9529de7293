package io.mailserver.smtp.policy;

import io.mailserver.protocol.net.AddressBudget;
import io.mailserver.protocol.net.AddressRange;
import io.mailserver.smtp.config.MailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What one client address may cost this instance across its connections
 * ({@code mail.smtp.limits.address-*}): error replies on every listener, accepted recipients on
 * the MX listener (submission has per-account limits instead).
 */
@ApplicationScoped
public class ClientBudgets {

    private final AddressBudget errors;
    private final AddressBudget recipients;

    public ClientBudgets(MailConfig config) {
        MailConfig.Limits limits = config.smtp().limits();
        List<AddressRange> exempt = limits.addressExempt().stream().map(AddressRange::parse).toList();
        this.errors = new AddressBudget(limits.addressErrors(), limits.addressWindow(), exempt);
        this.recipients = new AddressBudget(limits.addressRecipients(), limits.addressWindow(), exempt);
    }

    public AddressBudget errors() {
        return errors;
    }

    public AddressBudget recipients() {
        return recipients;
    }
}
