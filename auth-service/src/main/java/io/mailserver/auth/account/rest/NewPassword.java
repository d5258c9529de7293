package io.mailserver.auth.account.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code PUT /api/v1/accounts/{address}/password}. */
@RegisterForReflection
public record NewPassword(String password) {

    @Override
    public String toString() {
        return "NewPassword[***]";
    }
}
