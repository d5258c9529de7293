package io.mailserver.auth.account.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/v1/accounts}; {@code displayName} and {@code quotaBytes} are optional. */
@RegisterForReflection
public record NewAccount(String address, String password, String displayName, Long quotaBytes) {

    @Override
    public String toString() {
        return "NewAccount[address=" + address + "]";
    }
}
