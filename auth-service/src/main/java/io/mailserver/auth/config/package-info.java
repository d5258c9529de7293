/**
 * Typed configuration of auth-service: one {@code @ConfigMapping} with prefix {@code mail}, nested by
 * concern. Every key has a default except the admin token, which must never have one.
 */
package io.mailserver.auth.config;
