/**
 * Typed configuration of imap-service: one {@code @ConfigMapping} with prefix {@code mail}, nested by
 * concern; every key has a default or is optional.
 */
package io.mailserver.imap.config;
