package io.mailserver.smtp.client;

/** What one account submitted in the last 60 minutes, across all instances (storage counts it). */
public record SentLastHour(long messages, long recipients) {
}
