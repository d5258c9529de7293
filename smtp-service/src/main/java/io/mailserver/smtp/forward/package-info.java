/**
 * Forwarding of mail to other domains, without I/O: the Sender Rewriting Scheme codec ({@link
 * io.mailserver.smtp.forward.Srs}) that rewrites the envelope sender of forwarded mail so SPF passes at the
 * destination, and turns a bounce to a rewritten address back into the original sender, compatible with
 * Perl's Mail::SRS (Guarded scheme).
 *
 * <p>Invariants: a rewritten sender is always a plain RFC 5321 dot-string mailbox within 254 octets (or the
 * sender unchanged; its local part may pass 64 octets); a reversed address is only ever returned after its HMAC (and, for SRS0, its timestamp) has
 * been verified, and is itself a plain mailbox; nothing here depends on mutable state besides the injected clock.
 */
package io.mailserver.smtp.forward;
