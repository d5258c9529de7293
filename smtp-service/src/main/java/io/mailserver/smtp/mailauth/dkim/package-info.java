/**
 * DKIM (RFC 6376) signing and verification, with the Ed25519-SHA256 algorithm of RFC 8463, and the
 * validation of ARC chains (RFC 8617, {@link io.mailserver.smtp.mailauth.dkim.ArcVerifier}), which are
 * DKIM signatures chained and share its tag lists, keys and canonicalizations; all pure code:
 * messages are raw bytes, keys come through {@link io.mailserver.smtp.mailauth.DnsTxtResolver}, the clock
 * is a parameter. Signatures and key records come from remote parties, so their parsing is bounded and
 * ends in a permerror result, never an exception, on any input.
 */
package io.mailserver.smtp.mailauth.dkim;
