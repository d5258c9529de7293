/**
 * A stored message's parsed structure as FETCH shows it (RFC 9051 §7.5.2 ENVELOPE and
 * BODYSTRUCTURE), in imap-service's own records: storage-service computes it at delivery, the
 * {@code client} package maps it from the contract, the {@code reply} package encodes it. Optional
 * fields are null when the message does not have them.
 */
package io.mailserver.imap.message;
