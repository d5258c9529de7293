/**
 * DKIM signing keys of the hosted domains: made here (RSA 2048 or Ed25519), kept in {@code auth.dkim_keys},
 * handed to smtp-service to sign submissions, and shown to the operator as the TXT record to publish.
 */
package io.mailserver.auth.dkim;
