/**
 * TLS for mail listeners: one place that turns a PEM certificate and key into Vert.x server options
 * allowing only TLS 1.2 and 1.3, used alike for implicit-TLS ports and STARTTLS/STLS upgrades; and
 * the policy of when a password may be sent without TLS ({@link io.mailserver.protocol.tls.CleartextAuth}).
 */
package io.mailserver.protocol.tls;
