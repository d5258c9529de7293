package io.mailserver.trust;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which RPCs each caller may make: least privilege between services, so that, for example, a
 * compromised pop3-service cannot deliver mail or read another service's secrets. The gRPC health
 * service is open to every caller with a valid certificate.
 */
public final class CallerAllowance {

    private static final String HEALTH_SERVICE = "grpc.health.v1.Health/";

    private final Map<String, Set<String>> allowed;

    public CallerAllowance(Map<String, List<String>> allowed) {
        Map<String, Set<String>> copy = new HashMap<>();
        allowed.forEach((caller, patterns) -> copy.put(caller, Set.copyOf(patterns.stream().map(String::trim).toList())));
        this.allowed = Map.copyOf(copy);
    }

    /**
     * @param caller     the caller's name from its verified certificate
     * @param fullMethod the gRPC full method name, {@code package.Service/Method}
     */
    public boolean allows(String caller, String fullMethod) {
        if (fullMethod.startsWith(HEALTH_SERVICE)) {
            return true;
        }
        Set<String> patterns = allowed.get(caller);
        if (patterns == null) {
            return false;
        }
        if (patterns.contains("*") || patterns.contains(fullMethod)) {
            return true;
        }
        int slash = fullMethod.indexOf('/');
        return slash > 0 && patterns.contains(fullMethod.substring(0, slash + 1) + "*");
    }
}
