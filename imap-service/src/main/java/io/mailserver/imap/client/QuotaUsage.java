package io.mailserver.imap.client;

/** An account's usage and limits (RFC 9208); a limit of 0 means none. */
public record QuotaUsage(long storageUsedBytes, long storageLimitBytes, long messagesUsed, long messagesLimit) {
}
