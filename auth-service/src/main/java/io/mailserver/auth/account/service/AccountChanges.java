package io.mailserver.auth.account.service;

/**
 * A partial update of an account's settings; {@code null} leaves a field as it is.
 *
 * @param displayName new display name
 * @param enabled     whether the account may log in
 * @param quotaBytes  new quota, 0 for unlimited
 */
public record AccountChanges(String displayName, Boolean enabled, Long quotaBytes) {
}
