/**
 * MTA-STS (RFC 8461): a recipient domain's promise that its MX hosts take mail only over TLS with a
 * certificate for their names. The record and policy parsers and the MX matching are pure code; the
 * DNS and HTTPS they need come through {@link io.mailserver.smtp.outbound.mtasts.StsLookups}, and
 * {@link io.mailserver.smtp.outbound.mtasts.StsPolicies} caches what a domain published, so an attacker
 * who later strips the record (or blocks the policy host) does not switch protection off before the
 * policy's {@code max_age} runs out.
 */
package io.mailserver.smtp.outbound.mtasts;
