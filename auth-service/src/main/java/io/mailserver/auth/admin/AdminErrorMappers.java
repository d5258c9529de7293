package io.mailserver.auth.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of an admin request into {@code {"error":"..."}} with a fitting status:
 * {@link Refusal}s by kind, unique-key races as 409, malformed JSON as 400, anything unexpected as
 * 500 with a generic message (the cause goes to the log, not to the client).
 */
public class AdminErrorMappers {

    private static final Logger LOG = Logger.getLogger(AdminErrorMappers.class);
    /** PostgreSQL SQLSTATE unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @ServerExceptionMapper
    public Response refusal(Refusal refusal) {
        int status;
        if (refusal instanceof Refusal.Invalid) {
            status = 400;
        } else if (refusal instanceof Refusal.NotFound) {
            status = 404;
        } else {
            status = 409;
        }
        return error(status, refusal.getMessage());
    }

    /** Password hashing is saturated by a flood of logins: come back later, nothing was changed. */
    @ServerExceptionMapper
    public Response saturated(io.mailserver.auth.password.PasswordService.Saturated e) {
        return Response.fromResponse(error(503, "busy, try again later")).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return error(400, "malformed JSON request body");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = Optional.ofNullable(Response.Status.fromStatusCode(status))
                .map(Response.Status::getReasonPhrase)
                .orElse("request failed");
        if (status == 400 && e.getCause() instanceof JsonProcessingException) {
            reason = "malformed JSON request body";
        }
        return error(status, reason);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isUniqueViolation(e)) {
            // Two requests created the same name at once; the database kept one.
            return error(409, "already exists");
        }
        LOG.error("admin request failed", e);
        return error(500, "internal error");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
