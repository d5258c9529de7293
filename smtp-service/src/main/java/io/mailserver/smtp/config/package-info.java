/**
 * Typed configuration of smtp-service: one {@code @ConfigMapping} with prefix {@code mail}, nested by
 * concern; every key has a default (the TLS files default to absent, which disables TLS).
 */
package io.mailserver.smtp.config;
