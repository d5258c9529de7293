package io.mailserver.auth.admin;

import io.mailserver.auth.config.MailConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every admin endpoint ({@code /api/v1/...}) with the bearer token {@code mail.admin.token}.
 * Health, metrics and OpenAPI ({@code /q/...}) are not JAX-RS resources and stay open.
 *
 * <p>Both sides are reduced to SHA-256 digests before a constant-time comparison, so neither the
 * content nor the length of the token leaks through timing. Without a configured token nothing is
 * accepted: an admin API open to anyone is worse than one that does not work.
 */
@ApplicationScoped
public class AdminTokenFilter {

    private static final Logger LOG = Logger.getLogger(AdminTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    AdminTokenFilter(MailConfig config) {
        this.expectedDigest = config.admin().token()
                .filter(token -> !token.isBlank())
                .map(AdminTokenFilter::digest)
                .orElse(null);
    }

    void warnWhenUnset(@Observes StartupEvent startup) {
        if (expectedDigest == null) {
            LOG.warn("mail.admin.token is not set: every admin API request will be refused with 401");
        }
    }

    @ServerRequestFilter
    public Response authorize(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (expectedDigest != null && presented
                && MessageDigest.isEqual(expectedDigest, digest(header.substring(BEARER.length()).trim()))) {
            return null;
        }
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mail-admin\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(presented ? "invalid admin token" : "admin token required"))
                .build();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
