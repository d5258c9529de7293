package io.mailserver.smtp.outbound.tls;

import io.mailserver.smtp.config.MailConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The {@link ServerCertificates} of {@code mail.smtp.delivery.tls.trusted-authorities}, one for the
 * application: the MX hosts and the MTA-STS policy hosts are checked against the same authorities,
 * read once.
 */
@Dependent
public class ServerCertificatesProducer {

    // @Singleton rather than @ApplicationScoped: the checker is immutable and final, a client proxy buys nothing
    @Produces
    @Singleton
    ServerCertificates serverCertificates(MailConfig config) {
        return ServerCertificates.trusting(config.smtp().delivery().tls().trustedAuthorities().orElse(List.of()));
    }
}
