package io.mailserver.auth.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every admin API error: {@code {"error":"..."}}, never a stack trace. */
@RegisterForReflection
public record ApiError(String error) {
}
