/**
 * TLS to other mail servers beyond opportunistic encryption: checking the certificate a server
 * presents against a trust store and the name we expect (RFC 6125), when a policy (MTA-STS, REQUIRETLS)
 * demands it. The handshake itself accepts any certificate; the check runs after it, so a failure can
 * be told apart (untrusted, expired, wrong name) and reported in the deferral.
 */
package io.mailserver.smtp.outbound.tls;
