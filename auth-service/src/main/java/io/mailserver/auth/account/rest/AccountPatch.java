package io.mailserver.auth.account.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code PATCH /api/v1/accounts/{address}}: only the fields present change. */
@RegisterForReflection
public record AccountPatch(String displayName, Boolean enabled, Long quotaBytes) {
}
