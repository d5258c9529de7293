package io.mailserver.smtp.outbound;

import io.mailserver.smtp.config.MailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where mail for a domain goes by configuration: a per-domain route, else the smarthost
 * ({@code mail.smtp.delivery.*}). Without either, DNS decides ({@link MailExchangers}) when MX lookup
 * is on.
 */
@ApplicationScoped
public class Routes {

    /** One next hop. */
    public record Target(String host, int port) {

        static Target parse(String hostPort, String key) {
            int colon = hostPort.lastIndexOf(':');
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (colon <= 0 || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Target(hostPort.substring(0, colon), port);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + " must be host:port, not " + hostPort, e);
            }
        }
    }

    private final Optional<Target> relay;
    private final boolean mxLookup;
    private final Map<String, Target> routes = new HashMap<>();

    public Routes(MailConfig config) {
        MailConfig.Delivery delivery = config.smtp().delivery();
        this.relay = delivery.relay().map(r -> Target.parse(r, "mail.smtp.delivery.relay"));
        this.mxLookup = delivery.mxLookup();
        delivery.routes().forEach((domain, target) -> routes.put(domain.toLowerCase(Locale.ROOT),
                Target.parse(target, "mail.smtp.delivery.routes." + domain)));
    }

    /** Whether mail for {@code domain} can be sent anywhere: a route, a relay, or MX lookup. */
    public boolean reachable(String domain) {
        // an address literal ([192.0.2.1]) has no MX: only a route reaches it
        return target(domain).isPresent() || mxLookup && !domain.startsWith("[");
    }

    public boolean mxLookup() {
        return mxLookup;
    }

    /** The configured next hop for {@code domain}, if any. */
    public Optional<Target> target(String domain) {
        Target route = routes.get(domain.toLowerCase(Locale.ROOT));
        return route != null ? Optional.of(route) : relay;
    }
}
