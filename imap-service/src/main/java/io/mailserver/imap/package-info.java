/**
 * imap-service: an IMAP4rev1 server (RFC 3501, with the RFC 9051 behaviour its commands share)
 * on Vert.x TCP listeners. It keeps no mail itself: logins go to auth-service, mailboxes and
 * messages to storage-service, both over gRPC. Layout: {@code codec} (framing and grammar),
 * {@code command} (parsed records), {@code handler} (execution), {@code session} (state and the
 * connection loop), {@code reply} (responses and their encoding), {@code client} (peer adapters),
 * {@code config}, {@code metrics}.
 */
package io.mailserver.imap;
