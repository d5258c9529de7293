package io.mailserver.auth.domain.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/v1/domains}. */
@RegisterForReflection
public record NewDomain(String name) {
}
